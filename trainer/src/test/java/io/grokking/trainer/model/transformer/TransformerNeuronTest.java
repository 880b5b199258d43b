package io.grokking.trainer.model.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.fourier.FourierBasis;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The 2-D frequency step of the transformer's neurons, on tables whose answer is known. */
class TransformerNeuronTest {
  private static final int P = 11;
  private static final FourierBasis BASIS = FourierBasis.of(P);

  private interface Table {
    double at(int a, int b);
  }

  private static double[][] table(Table f) {
    double[][] t = new double[P][P];
    for (int a = 0; a < P; a++) {
      for (int b = 0; b < P; b++) {
        t[a][b] = f.at(a, b);
      }
    }
    return t;
  }

  private static double w(int k, int x) {
    return 2 * Math.PI * k * x / P;
  }

  private static double centredEnergy(double[][] t) {
    double mean = 0;
    for (double[] row : t) {
      for (double v : row) {
        mean += v / (P * P);
      }
    }
    double e = 0;
    for (double[] row : t) {
      for (double v : row) {
        e += (v - mean) * (v - mean);
      }
    }
    return e;
  }

  @Test
  void theBasisMatrixIsFourierBasisOrthonormalVectors() {
    double[][] f = new TransformerSpectra(BASIS, 1).vectors();
    for (int u = 0; u < P; u++) {
      for (int v = 0; v < P; v++) {
        double dot = 0;
        for (int n = 0; n < P; n++) {
          dot += f[u][n] * f[v][n];
        }
        assertThat(dot).as("<f_%s, f_%s>", u, v).isCloseTo(u == v ? 1 : 0, within(1e-12));
      }
    }
    for (int n = 0; n < P; n++) {
      assertThat(f[0][n]).isCloseTo(1 / Math.sqrt(P), within(1e-12));
      // Rows 2k − 1 and 2k are cos k and sin k.
      assertThat(f[5][n]).isCloseTo(Math.sqrt(2.0 / P) * Math.cos(w(3, n)), within(1e-12));
      assertThat(f[6][n]).isCloseTo(Math.sqrt(2.0 / P) * Math.sin(w(3, n)), within(1e-12));
    }
  }

  @Test
  void aNoisyWaveInTheSumHasItsFrequencyWithNearlyAllTheEnergy() {
    Random random = new Random(5);
    TransformerNeuron n = TransformerNeuron.of(
        table((a, b) -> Math.cos(w(3, a + b)) + 0.1 * random.nextGaussian()), BASIS);
    assertThat(n.frequency()).isEqualTo(3);
    assertThat(n.share()).isBetween(0.9, 1.0);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.7, 2.0})
  void aWaveInTheSumLiesInTheFourProductTermsOfItsFrequency(double phase) {
    // cos(ω(a+b) + φ) = cos ωa·cos(ωb + φ) − sin ωa·sin(ωb + φ): only k×k terms.
    TransformerNeuron n = TransformerNeuron.of(table((a, b) -> 4 + Math.cos(w(5, a + b) + phase)),
        BASIS);
    assertThat(n.frequency()).isEqualTo(5);
    assertThat(n.share()).isCloseTo(1.0, within(1e-12));
    assertThat(n.total()).isCloseTo(P * P / 2.0, within(1e-9));
  }

  @Test
  void aWaveInOneInputLiesInItsFrequencyTimesTheConstant() {
    TransformerNeuron n = TransformerNeuron.of(table((a, b) -> Math.cos(w(2, a))), BASIS);
    assertThat(n.frequency()).isEqualTo(2);
    assertThat(n.share()).isCloseTo(1.0, within(1e-12));
    TransformerNeuron onB = TransformerNeuron.of(table((a, b) -> Math.sin(w(4, b))), BASIS);
    assertThat(onB.frequency()).isEqualTo(4);
    assertThat(onB.share()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void constantAndDeadTablesHaveNoFrequencyAndNoEnergy() {
    for (double level : new double[] {0.0, 3.5}) {
      TransformerNeuron n = TransformerNeuron.of(table((a, b) -> level), BASIS);
      assertThat(n.live()).as("level %s", level).isFalse();
      assertThat(n.frequency()).isEqualTo(TransformerNeuron.NO_FREQUENCY);
      assertThat(n.share()).isNaN();
      assertThat(n.total()).isCloseTo(0.0, within(1e-20));
    }
  }

  @Test
  void twoWavesOfEqualPowerSplitTheShare() {
    TransformerNeuron n = TransformerNeuron.of(
        table((a, b) -> Math.cos(w(2, a)) + Math.cos(w(5, a + b))), BASIS);
    // Each wave's energy is its Σ_{a,b} cos² = P²/2.
    assertThat(n.energy()[2]).isCloseTo(P * P / 2.0, within(1e-9));
    assertThat(n.energy()[5]).isCloseTo(P * P / 2.0, within(1e-9));
    assertThat(n.share()).isCloseTo(0.5, within(1e-12));
    assertThat(n.frequency()).as("the lower k wins a tie").isEqualTo(2);
  }

  @Test
  void aProductOfTwoFrequenciesBelongsToNone() {
    TransformerNeuron n = TransformerNeuron.of(
        table((a, b) -> Math.cos(w(2, a)) * Math.cos(w(3, b))), BASIS);
    assertThat(n.total()).isCloseTo(P * P / 4.0, within(1e-9));
    for (int k = 1; k <= BASIS.frequencies(); k++) {
      assertThat(n.energy()[k]).as("k = %s", k).isCloseTo(0.0, within(1e-12));
    }
    assertThat(n.live()).isFalse();
  }

  @Test
  void blocksAndMixedTermsAddUpToTheCentredEnergy() {
    Random random = new Random(11);
    double[][] t = table((a, b) -> random.nextGaussian());
    TransformerNeuron n = TransformerNeuron.of(t, BASIS);
    assertThat(n.total()).isCloseTo(centredEnergy(t), within(1e-9));
    double blocks = 0;
    for (double e : n.energy()) {
      blocks += e;
    }
    assertThat(n.energy()[0]).isEqualTo(0.0);
    // The blocks span 8K = 40 of the p² − 1 = 120 centred dimensions; noise fills the rest too.
    assertThat(blocks).isLessThan(n.total());
    assertThat(n.share()).isBetween(0.0, 1.0);
  }
}
