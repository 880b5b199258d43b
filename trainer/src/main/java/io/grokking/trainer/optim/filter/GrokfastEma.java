package io.grokking.trainer.optim.filter;

import io.grokking.trainer.numeric.FlatVectors;
import io.grokking.trainer.optim.Optimizers;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Grokfast-EMA (Lee et al. 2024, "Grokfast: Accelerated Grokking by Amplifying Slow Gradients",
 * Alg. 2): an exponential moving average of the raw gradients, μ ← αμ + (1 − α)g with μ₀ = g₀,
 * added back amplified, g ← g + λμ. As in the authors' {@code gradfilter_ema} (ironjr/grokfast,
 * grokfast.py), the first call seeds μ with the first gradient and then applies the same update,
 * so the first filtered gradient is g₀ + λg₀.
 */
final class GrokfastEma implements GradientFilter {
  static final String MU = "grokfast-ema.mu";

  private final double alpha;
  private final double lambda;
  private final double[] mu;
  private final double[] g;
  private boolean started;

  GrokfastEma(int length, double alpha, double lambda) {
    this.alpha = alpha;
    this.lambda = lambda;
    this.mu = new double[length];
    this.g = new double[length];
  }

  @Override
  public void apply(INDArray params, INDArray grad) {
    FlatVectors.read(grad, g);
    if (!started) {
      System.arraycopy(g, 0, mu, 0, g.length);
      started = true;
    }
    for (int i = 0; i < g.length; i++) {
      mu[i] = alpha * mu[i] + (1 - alpha) * g[i];
      g[i] += lambda * mu[i];
    }
    FlatVectors.write(g, grad);
  }

  @Override
  public Map<String, double[]> state() {
    return started ? Map.of(MU, mu.clone()) : Map.of();
  }

  @Override
  public void restore(Map<String, double[]> state) {
    double[] saved = state.get(MU);
    started = saved != null;
    Optimizers.copyOrZero(saved, mu);
  }
}
