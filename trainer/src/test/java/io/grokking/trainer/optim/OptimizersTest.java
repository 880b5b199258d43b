package io.grokking.trainer.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam and SGD against torch.optim.Adam's and torch.optim.SGD's formulas worked by hand in plain
 * Java over several float64 updates, with warm-up, weight decay and momentum; decay toward the
 * initial weights for every optimizer.
 */
class OptimizersTest {
  private static final double[] THETA = {0.3, -1.2, 2.0, 0.05};
  private static final double[][] GRADS = {
      {0.1, -0.4, 1e-9, 0.7}, {-0.2, 0.3, 0.5, 0.0}, {0.05, 0.05, -0.6, 0.2}, {0.4, -0.1, 0.2, -0.3}};

  @Test
  void adamAddsTheDecayToTheGradientThenStepsAsTorchAdam() {
    double lr = 1e-2;
    double wd = 0.3;
    double b1 = 0.9;
    double b2 = 0.98;
    double eps = 1e-8;
    int warmup = 3;
    INDArray params = Nd4j.createFromArray(THETA.clone());
    Adam opt = new Adam(THETA.length, lr, wd, b1, b2, eps, warmup, null);
    double[] m = new double[THETA.length];
    double[] v = new double[THETA.length];
    double[] x = THETA.clone();
    for (int t = 1; t <= GRADS.length; t++) {
      opt.step(params, Nd4j.createFromArray(GRADS[t - 1].clone()));
      double lrT = lr * Math.min(t / (double) warmup, 1.0);
      for (int i = 0; i < x.length; i++) {
        double g = GRADS[t - 1][i] + wd * x[i];
        m[i] = b1 * m[i] + (1 - b1) * g;
        v[i] = b2 * v[i] + (1 - b2) * g * g;
        double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
        x[i] -= lrT / (1 - Math.pow(b1, t)) * m[i] / denom;
      }
      assertClose(params, x, t);
    }
    assertThat(opt.updates()).isEqualTo(GRADS.length);
  }

  @Test
  void sgdWithMomentumSeedsTheBufferWithTheFirstGradient() {
    double lr = 0.1;
    double wd = 0.2;
    double mu = 0.9;
    int warmup = 2;
    INDArray params = Nd4j.createFromArray(THETA.clone());
    Sgd opt = new Sgd(THETA.length, lr, wd, mu, warmup, null);
    double[] buf = new double[THETA.length];
    double[] x = THETA.clone();
    for (int t = 1; t <= GRADS.length; t++) {
      opt.step(params, Nd4j.createFromArray(GRADS[t - 1].clone()));
      double lrT = lr * Math.min(t / (double) warmup, 1.0);
      for (int i = 0; i < x.length; i++) {
        double d = GRADS[t - 1][i] + wd * x[i];
        buf[i] = t == 1 ? d : mu * buf[i] + d;
        x[i] -= lrT * buf[i];
      }
      assertClose(params, x, t);
    }
    assertThat(opt.state().get(Sgd.BUFFER)).containsExactly(buf);
  }

  @Test
  void sgdWithoutMomentumIsPlainGradientDescentAndKeepsNoState() {
    INDArray params = Nd4j.createFromArray(THETA.clone());
    Sgd opt = new Sgd(THETA.length, 0.5, 0.1, 0.0, 0, null);
    opt.step(params, Nd4j.createFromArray(GRADS[0].clone()));
    double[] x = new double[THETA.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = THETA[i] - 0.5 * (GRADS[0][i] + 0.1 * THETA[i]);
    }
    assertClose(params, x, 1);
    assertThat(opt.state()).isEmpty();
  }

  @Test
  void withZeroGradientEveryOptimizerDecaysTowardTheInitialWeightsNotZero() {
    double[] init = THETA.clone();
    double[] moved = {1.3, -0.2, 1.0, -0.95};  // init + (1, 1, -1, -1)
    Optimizer[] all = {
        new DecayTowardInit(new AdamW(Nd4j.createFromArray(moved.clone()), 0.1, 0.0, 0.9, 0.98,
            1e-8, 0), 1.0, init),
        new Adam(4, 0.1, 1.0, 0.9, 0.98, 1e-8, 0, init),
        new Sgd(4, 0.1, 1.0, 0.0, 0, init),
        new Sgd(4, 0.1, 1.0, 0.5, 0, init)};
    for (Optimizer opt : all) {
      INDArray params = Nd4j.createFromArray(moved.clone());
      double before = distance(params, init);
      for (int s = 0; s < 200; s++) {
        opt.step(params, Nd4j.zeros(params.dataType(), params.shape()));
      }
      assertThat(distance(params, init)).as(opt.getClass().getSimpleName())
          .isLessThan(before * 0.05);
      assertThat(params.norm2Number().doubleValue()).as("stays near θ₀, far from 0")
          .isCloseTo(Nd4j.createFromArray(init).norm2Number().doubleValue(), within(0.1));
    }
  }

  @Test
  void adamWTowardInitIsAdamWWithTheDecayTermShiftedByTheInitialWeights() {
    double lr = 1e-2;
    double wd = 0.5;
    double[] init = {0.1, 0.1, -0.1, 0.0};
    INDArray params = Nd4j.createFromArray(THETA.clone());
    Optimizer opt = new DecayTowardInit(new AdamW(params, lr, 0.0, 0.9, 0.98, 1e-8, 2), wd, init);
    double[] m = new double[4];
    double[] v = new double[4];
    double[] x = THETA.clone();
    for (int t = 1; t <= 3; t++) {
      opt.step(params, Nd4j.createFromArray(GRADS[t - 1].clone()));
      double lrT = lr * Math.min(t / 2.0, 1.0);
      for (int i = 0; i < 4; i++) {
        double g = GRADS[t - 1][i];
        x[i] -= lrT * wd * (x[i] - init[i]);
        m[i] = 0.9 * m[i] + 0.1 * g;
        v[i] = 0.98 * v[i] + 0.02 * g * g;
        x[i] -= lrT / (1 - Math.pow(0.9, t)) * m[i]
            / (Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(0.98, t)) + 1e-8);
      }
      assertClose(params, x, t);
    }
  }

  @Test
  void aRestoredOptimizerContinuesExactlyAsTheOriginal() {
    for (boolean adam : new boolean[] {true, false}) {
      INDArray a = Nd4j.createFromArray(THETA.clone());
      Optimizer first = adam ? new Adam(4, 1e-2, 0.1, 0.9, 0.98, 1e-8, 3, null)
          : new Sgd(4, 0.1, 0.1, 0.9, 3, null);
      for (int t = 0; t < 2; t++) {
        first.step(a, Nd4j.createFromArray(GRADS[t].clone()));
      }
      Map<String, double[]> saved = first.state();
      INDArray b = a.dup();
      Optimizer second = adam ? new Adam(4, 1e-2, 0.1, 0.9, 0.98, 1e-8, 3, null)
          : new Sgd(4, 0.1, 0.1, 0.9, 3, null);
      second.restore(saved, first.updates());
      for (int t = 2; t < 4; t++) {
        first.step(a, Nd4j.createFromArray(GRADS[t].clone()));
        second.step(b, Nd4j.createFromArray(GRADS[t].clone()));
      }
      assertThat(b.toDoubleVector()).containsExactly(a.toDoubleVector());
    }
  }

  private static double distance(INDArray params, double[] to) {
    return params.sub(Nd4j.createFromArray(to)).norm2Number().doubleValue();
  }

  private static void assertClose(INDArray params, double[] expected, int t) {
    for (int i = 0; i < expected.length; i++) {
      assertThat(params.getDouble(i)).as("param %d after update %d", i, t)
          .isCloseTo(expected[i], within(1e-15));
    }
  }
}
