package io.grokking.trainer.optim.filter;

import io.grokking.trainer.config.OptimizerConfig;
import io.grokking.trainer.model.TrainableModel;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A gradient filter (train.grad-filter), applied between the backward pass and the optimizer
 * step: it rewrites the gradient in place, given the parameters the gradient was taken at.
 * Filters with a memory expose it as named vectors so that a checkpoint keeps it.
 */
public interface GradientFilter {
  /** Rewrites {@code grad} in place; both dense vectors of the model's layout. */
  void apply(INDArray params, INDArray grad);

  /** Copies of the filter's memory, by name; empty before the first gradient or when memoryless. */
  Map<String, double[]> state();

  /** Restores {@link #state()} from a checkpoint; names this filter does not use are ignored. */
  void restore(Map<String, double[]> state);

  /** The run's filter for {@code model}, or null for none. */
  static GradientFilter create(OptimizerConfig o, TrainableModel model) {
    int n = Math.toIntExact(model.params().length());
    return switch (o.gradFilter()) {
      case NONE -> null;
      case GROKFAST_EMA -> new GrokfastEma(n, o.grokfastAlpha(), o.lambda());
      case GROKFAST_MA -> new GrokfastMa(n, o.grokfastWindow(), o.lambda());
      case ORTHOGONAL -> new OrthogonalGrad(n, model.tensors());
    };
  }
}
