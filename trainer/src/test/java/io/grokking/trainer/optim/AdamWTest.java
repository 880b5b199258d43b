package io.grokking.trainer.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Updates match torch.optim.AdamW's formula, computed by hand in plain Java. */
class AdamWTest {

  @Test
  void twoUpdatesMatchTheFormulaByHand() {
    double lr = 1e-2;
    double wd = 0.5;
    double b1 = 0.9;
    double b2 = 0.98;
    double eps = 1e-8;
    int warmup = 10;
    double[] theta = {0.3, -1.2, 2.0};
    double[][] grads = {{0.1, -0.4, 1e-9}, {-0.2, 0.3, 0.5}};
    INDArray params = Nd4j.createFromArray(theta.clone());
    AdamW opt = new AdamW(params, lr, wd, b1, b2, eps, warmup);

    double[] m = new double[3];
    double[] v = new double[3];
    double[] expected = theta.clone();
    for (int t = 1; t <= grads.length; t++) {
      opt.step(params, Nd4j.createFromArray(grads[t - 1].clone()));
      double lrT = lr * Math.min(t / (double) warmup, 1.0);
      for (int i = 0; i < 3; i++) {
        double g = grads[t - 1][i];
        expected[i] *= 1 - lrT * wd;
        m[i] = b1 * m[i] + (1 - b1) * g;
        v[i] = b2 * v[i] + (1 - b2) * g * g;
        double mHat = m[i] / (1 - Math.pow(b1, t));
        double vHat = v[i] / (1 - Math.pow(b2, t));
        expected[i] -= lrT * mHat / (Math.sqrt(vHat) + eps);
      }
      for (int i = 0; i < 3; i++) {
        assertThat(params.getDouble(i)).as("param %d after update %d", i, t)
            .isCloseTo(expected[i], within(1e-15));
      }
    }
    assertThat(params.dataType()).isEqualTo(DataType.DOUBLE);
  }

  @Test
  void warmUpIsLinearOverTheFirstStepsThenFlat() {
    AdamW opt = new AdamW(Nd4j.zeros(DataType.DOUBLE, 1), 1e-3, 0, 0.9, 0.98, 1e-8, 10);
    assertThat(opt.learningRateAt(0)).isCloseTo(1e-4, within(1e-18));
    assertThat(opt.learningRateAt(4)).isCloseTo(5e-4, within(1e-18));
    assertThat(opt.learningRateAt(9)).isCloseTo(1e-3, within(1e-18));
    assertThat(opt.learningRateAt(500)).isCloseTo(1e-3, within(1e-18));
  }
}
