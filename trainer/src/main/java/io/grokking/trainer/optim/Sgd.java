package io.grokking.trainer.optim;

import io.grokking.trainer.numeric.FlatVectors;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent as PyTorch's {@code torch.optim.SGD} computes it, with momentum μ,
 * no dampening and no Nesterov term, weight decay being a coupled L2 term:
 *
 * <pre>
 * g ← g + λ(θ − θ_a)
 * b ← g at the first update, then b ← μ b + g     (only when μ &gt; 0; else b = g)
 * θ ← θ − lr_t b
 * </pre>
 *
 * θ_a is 0, or the initial weights for weight-decay-toward = init (Power et al. 2022). Float64
 * arithmetic on the heap, rounded once per update to the parameters' type.
 */
final class Sgd implements Optimizer {
  /** Name of the momentum buffer in {@link #state()}. */
  static final String BUFFER = "sgd.momentum-buffer";

  private final double learningRate;
  private final double weightDecay;
  private final double momentum;
  private final int warmupSteps;
  private final double[] anchor;
  private final double[] buffer;
  private final double[] p;
  private final double[] g;
  private long t;

  /** @param anchor what decay pulls toward, or null for zero */
  Sgd(int length, double learningRate, double weightDecay, double momentum, int warmupSteps,
      double[] anchor) {
    this.learningRate = learningRate;
    this.weightDecay = weightDecay;
    this.momentum = momentum;
    this.warmupSteps = warmupSteps;
    this.anchor = anchor;
    this.buffer = momentum > 0 ? new double[length] : null;
    this.p = new double[length];
    this.g = new double[length];
  }

  @Override
  public void step(INDArray params, INDArray grad) {
    FlatVectors.read(params, p);
    FlatVectors.read(grad, g);
    double lr = learningRateAt(t);
    boolean first = t == 0;
    t++;
    for (int i = 0; i < p.length; i++) {
      double d = g[i] + weightDecay * (anchor == null ? p[i] : p[i] - anchor[i]);
      if (buffer != null) {
        buffer[i] = first ? d : momentum * buffer[i] + d;
        d = buffer[i];
      }
      p[i] -= lr * d;
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
    return buffer == null ? Map.of() : Map.of(BUFFER, buffer.clone());
  }

  @Override
  public void restore(Map<String, double[]> state, long updates) {
    if (buffer != null) {
      Optimizers.copyOrZero(state.get(BUFFER), buffer);
    }
    t = updates;
  }
}
