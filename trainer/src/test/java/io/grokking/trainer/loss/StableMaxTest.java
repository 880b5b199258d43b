package io.grokking.trainer.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * StableMax on rows a float32 network can produce: computed in float64, its loss and gradient
 * stay finite and non-zero where float32 arithmetic would overflow the sum or underflow s(x), and
 * where softmax's probability of the label has rounded to exactly 1 (Prieto et al. 2025, Sec. 3).
 */
class StableMaxTest {

  @Test
  void logitsNearTheFloat32RangeGiveAFiniteLossAndGradient() {
    float big = 3e38f;
    double[] logits = {big, big, big, big, big, big, -big};
    // In float32, Σ s = 6 · 3e38 overflows to infinity and s(−3e38) = 1/(1 + 3e38) is subnormal.
    float floatSum = 0;
    for (double x : logits) {
      floatSum += (float) StableMax.s(x);
    }
    assertThat(floatSum).isInfinite();
    double[] grad = new double[7];
    double loss = new StableMax().row(logits, 6, grad);
    double sum = 6 * ((double) big + 1) + 1 / (1 + (double) big);
    assertThat(loss).isFinite().isCloseTo(Math.log(sum) + Math.log(1 + (double) big),
        within(1e-9));
    for (int j = 0; j < 6; j++) {
      assertThat(grad[j]).isFinite().isCloseTo(1 / sum, within(1e-50));
    }
    assertThat(grad[6]).isFinite().isNegative();
    assertThat((float) (grad[6] / 7)).as("as the pass stores it in float32").isNotZero();
  }

  @Test
  void keepsAGradientWhereSoftmaxHasCollapsed() {
    // A margin of 40 is enough: softmax's probability of the label is 1 − 6e−18, exactly 1 in
    // float32 and in float64, so cross-entropy's gradient on the label is exactly 0.
    double[] logits = {40, 0, 0, 0, 0, 0, 0};
    double[] ce = new double[7];
    new CrossEntropy().row(logits, 0, ce);
    assertThat(ce[0]).isZero();
    double[] grad = new double[7];
    double loss = new StableMax().row(logits, 0, grad);
    // s = (41, 1, ..., 1), S = 47: loss ln(47/41), dℓ/dL_0 = 1/47 − 1/41.
    assertThat(loss).isCloseTo(Math.log(47 / 41.0), within(1e-15));
    assertThat(grad[0]).isCloseTo(1 / 47.0 - 1 / 41.0, within(1e-15));
    assertThat((float) grad[0]).isNotZero();
  }

  @Test
  void sAndItsDerivativeMeetAtZero() {
    assertThat(StableMax.s(0)).isEqualTo(1);
    assertThat(StableMax.s(-1e-12)).isCloseTo(1, within(1e-11));
    assertThat(StableMax.ds(0)).isEqualTo(1);
    assertThat(StableMax.ds(-1e-12)).isCloseTo(1, within(1e-11));
    assertThat(StableMax.s(-3)).isEqualTo(0.25);
    assertThat(StableMax.ds(-3)).isEqualTo(1 / 16.0);
  }
}
