package io.grokking.trainer.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.config.LossFunction;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each loss's row value and gradient against numbers worked by hand on a row of three logits, and
 * against central finite differences on random rows with logits of both signs; and the mapping
 * from the configured loss to its implementation.
 */
class LossesTest {
  private static final double EXACT = 1e-15;

  @Test
  void crossEntropyByHand() {
    // softmax(0, ln 2, ln 3) = (1, 2, 3)/6; label 2: loss −ln(1/2), gradient softmax − e_2.
    double[] grad = new double[3];
    double loss = new CrossEntropy().row(new double[] {0, Math.log(2), Math.log(3)}, 2, grad);
    assertThat(loss).isCloseTo(Math.log(2), within(EXACT));
    assertThat(grad[0]).isCloseTo(1 / 6.0, within(EXACT));
    assertThat(grad[1]).isCloseTo(1 / 3.0, within(EXACT));
    assertThat(grad[2]).isCloseTo(-1 / 2.0, within(EXACT));
  }

  @Test
  void stableMaxByHandWithTheLabelOnThePositiveSide() {
    // s(2, 0, −1) = (3, 1, 1/2), S = 9/2; loss = ln S − ln s(2) = ln 1.5.
    // s' = (1, 1, 1/4): dℓ/dL_j = s'_j/S − [j = 0]/(1 + 2) = (2/9 − 1/3, 2/9, 1/18).
    double[] grad = new double[3];
    double loss = new StableMax().row(new double[] {2, 0, -1}, 0, grad);
    assertThat(loss).isCloseTo(Math.log(1.5), within(EXACT));
    assertThat(grad[0]).isCloseTo(-1 / 9.0, within(EXACT));
    assertThat(grad[1]).isCloseTo(2 / 9.0, within(EXACT));
    assertThat(grad[2]).isCloseTo(1 / 18.0, within(EXACT));
  }

  @Test
  void stableMaxByHandWithTheLabelOnTheNegativeSide() {
    // Label 2, L_2 = −1: loss = ln(9/2) − ln(1/2) = ln 9; dℓ/dL_2 = (1/4)/(9/2) − 1/(1 + 1).
    double[] grad = new double[3];
    double loss = new StableMax().row(new double[] {2, 0, -1}, 2, grad);
    assertThat(loss).isCloseTo(Math.log(9), within(EXACT));
    assertThat(grad[0]).isCloseTo(2 / 9.0, within(EXACT));
    assertThat(grad[1]).isCloseTo(2 / 9.0, within(EXACT));
    assertThat(grad[2]).isCloseTo(1 / 18.0 - 1 / 2.0, within(EXACT));
  }

  @Test
  void stableMaxIsNotSoftmax() {
    // Softmax is shift invariant; s is not, which is why StableMax subtracts no maximum.
    double[] grad = new double[3];
    double near = new StableMax().row(new double[] {2, 0, -1}, 0, grad);
    double shifted = new StableMax().row(new double[] {12, 10, 9}, 0, grad);
    assertThat(shifted).isNotCloseTo(near, within(1e-3));
  }

  @Test
  void meanSquaredErrorByHand() {
    // (2, 0, −1) against e_1: errors (2, −1, −1), loss (4 + 1 + 1)/3 = 2, gradient (2/3)·errors.
    double[] grad = new double[3];
    double loss = new MeanSquaredError().row(new double[] {2, 0, -1}, 1, grad);
    assertThat(loss).isCloseTo(2.0, within(EXACT));
    assertThat(grad[0]).isCloseTo(4 / 3.0, within(EXACT));
    assertThat(grad[1]).isCloseTo(-2 / 3.0, within(EXACT));
    assertThat(grad[2]).isCloseTo(-2 / 3.0, within(EXACT));
  }

  @ParameterizedTest
  @EnumSource(LossFunction.class)
  void gradientMatchesCentralFiniteDifferences(LossFunction kind) {
    Loss loss = Losses.of(kind);
    Random random = new Random(7);
    int checked = 0;
    for (int trial = 0; trial < 20; trial++) {
      double[] logits = new double[7];
      for (int j = 0; j < logits.length; j++) {
        logits[j] = 3 * random.nextGaussian();
      }
      int label = random.nextInt(logits.length);
      double[] grad = new double[logits.length];
      loss.row(logits, label, grad);
      double[] scratch = new double[logits.length];
      double h = 1e-6;
      for (int j = 0; j < logits.length; j++) {
        double saved = logits[j];
        logits[j] = saved + h;
        double up = loss.row(logits, label, scratch);
        logits[j] = saved - h;
        double down = loss.row(logits, label, scratch);
        logits[j] = saved;
        double numeric = (up - down) / (2 * h);
        assertThat(grad[j]).as("%s dℓ/dL_%d at %s", kind, j, java.util.Arrays.toString(logits))
            .isCloseTo(numeric, within(1e-8));
        checked += numeric != 0 ? 1 : 0;
      }
    }
    assertThat(checked).as("non-zero derivatives checked").isGreaterThan(100);
  }

  @Test
  void eachConfiguredLossHasItsImplementation() {
    assertThat(Losses.of(LossFunction.CROSS_ENTROPY)).isInstanceOf(CrossEntropy.class);
    assertThat(Losses.of(LossFunction.STABLEMAX)).isInstanceOf(StableMax.class);
    assertThat(Losses.of(LossFunction.MSE)).isInstanceOf(MeanSquaredError.class);
  }
}
