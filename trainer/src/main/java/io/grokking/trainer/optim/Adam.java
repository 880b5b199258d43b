package io.grokking.trainer.optim;

import io.grokking.trainer.numeric.FlatVectors;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam as PyTorch's {@code torch.optim.Adam} computes it (Kingma &amp; Ba 2015, Alg. 1, with
 * PyTorch's placement of ε), weight decay being a coupled L2 term added to the gradient:
 *
 * <pre>
 * g ← g + λ(θ − θ_a)
 * m ← β1 m + (1 − β1) g,   v ← β2 v + (1 − β2) g²
 * θ ← θ − (lr_t / (1 − β1^t)) · m / (sqrt(v) / sqrt(1 − β2^t) + ε)
 * </pre>
 *
 * θ_a, what decay pulls toward, is 0, or the initial weights for weight-decay-toward = init
 * (Power et al. 2022). The arithmetic is float64 on the heap whatever the parameters' type, which
 * are rounded once per update; so on float32 parameters it agrees with torch to rounding, not bit
 * for bit.
 */
final class Adam implements Optimizer {
  private final double learningRate;
  private final double weightDecay;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final int warmupSteps;
  private final double[] anchor;
  private final double[] m;
  private final double[] v;
  private final double[] p;
  private final double[] g;
  private long t;

  /** @param anchor what decay pulls toward, or null for zero */
  Adam(int length, double learningRate, double weightDecay, double beta1, double beta2,
      double epsilon, int warmupSteps, double[] anchor) {
    this.learningRate = learningRate;
    this.weightDecay = weightDecay;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.warmupSteps = warmupSteps;
    this.anchor = anchor;
    this.m = new double[length];
    this.v = new double[length];
    this.p = new double[length];
    this.g = new double[length];
  }

  @Override
  public void step(INDArray params, INDArray grad) {
    FlatVectors.read(params, p);
    FlatVectors.read(grad, g);
    double lr = learningRateAt(t);
    t++;
    double stepSize = lr / (1.0 - Math.pow(beta1, t));
    double sqrtBc2 = Math.sqrt(1.0 - Math.pow(beta2, t));
    for (int i = 0; i < p.length; i++) {
      double gi = g[i] + weightDecay * (anchor == null ? p[i] : p[i] - anchor[i]);
      m[i] = beta1 * m[i] + (1 - beta1) * gi;
      v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
      p[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / sqrtBc2 + epsilon);
    }
    FlatVectors.write(p, params);
  }

  @Override
  public long updates() {
    return t;
  }

  @Override
  public double learningRateAt(long s) {
    return Optimizer.warmedUp(learningRate, warmupSteps, s);
  }

  @Override
  public Map<String, double[]> state() {
    return Map.of(FIRST_MOMENT, m.clone(), SECOND_MOMENT, v.clone());
  }

  @Override
  public void restore(Map<String, double[]> state, long updates) {
    Optimizers.copyOrZero(state.get(FIRST_MOMENT), m);
    Optimizers.copyOrZero(state.get(SECOND_MOMENT), v);
    t = updates;
  }
}
