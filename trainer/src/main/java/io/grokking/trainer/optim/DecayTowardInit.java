package io.grokking.trainer.optim;

import io.grokking.trainer.numeric.FlatVectors;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * AdamW's decoupled weight decay pulled toward the initial weights θ₀ instead of zero (Power et
 * al. 2022): θ ← θ − lr_t λ (θ − θ₀) at the learning rate of the coming update, then the
 * wrapped AdamW's update without decay. AdamW's moment update does not read θ, so this is
 * torch's order, θ ← θ(1 − lr_t λ) first, with the decay term shifted by θ₀.
 */
final class DecayTowardInit implements Optimizer {
  private final AdamW inner;
  private final double weightDecay;
  private final double[] init;
  private final double[] p;

  /** @param inner AdamW built with weight decay 0 */
  DecayTowardInit(AdamW inner, double weightDecay, double[] init) {
    this.inner = inner;
    this.weightDecay = weightDecay;
    this.init = init;
    this.p = new double[init.length];
  }

  @Override
  public void step(INDArray params, INDArray grad) {
    double rate = inner.learningRateAt(inner.updates()) * weightDecay;
    if (rate != 0) {
      FlatVectors.read(params, p);
      for (int i = 0; i < p.length; i++) {
        p[i] -= rate * (p[i] - init[i]);
      }
      FlatVectors.write(p, params);
    }
    inner.step(params, grad);
  }

  @Override
  public long updates() {
    return inner.updates();
  }

  @Override
  public double learningRateAt(long s) {
    return inner.learningRateAt(s);
  }

  @Override
  public Map<String, double[]> state() {
    return inner.state();
  }

  @Override
  public void restore(Map<String, double[]> state, long updates) {
    inner.restore(state, updates);
  }
}
