package io.grokking.trainer.optim.filter;

import io.grokking.trainer.numeric.FlatVectors;
import io.grokking.trainer.optim.Optimizers;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Grokfast-MA (Lee et al. 2024, Alg. 1): keeps the last w raw gradients, the current one
 * included, and once w of them are held adds λ times their mean, g ← g + λ · mean(window); until
 * then the gradient passes unchanged. This is the authors' {@code gradfilter_ma} with its defaults
 * (filter_type "mean", warmup on; ironjr/grokfast, grokfast.py): the gradient is appended to a
 * deque of maxlen w first, and filtered only when {@code len == window_size}.
 *
 * <p>The window costs w · (number of parameters) doubles.
 */
final class GrokfastMa implements GradientFilter {
  static final String PREFIX = "grokfast-ma.";

  private final double lambda;
  private final double[][] window;
  private final double[] g;
  private int held;
  private int next;

  GrokfastMa(int length, int windowSize, double lambda) {
    this.lambda = lambda;
    this.window = new double[windowSize][length];
    this.g = new double[length];
  }

  @Override
  public void apply(INDArray params, INDArray grad) {
    FlatVectors.read(grad, g);
    System.arraycopy(g, 0, window[next], 0, g.length);
    next = (next + 1) % window.length;
    held = Math.min(held + 1, window.length);
    if (held < window.length) {
      return;
    }
    double scale = lambda / window.length;
    for (int i = 0; i < g.length; i++) {
      double sum = 0;
      // Oldest first, as Python's sum over the deque adds them.
      for (int k = 0; k < window.length; k++) {
        sum += window[(next + k) % window.length][i];
      }
      g[i] += scale * sum;
    }
    FlatVectors.write(g, grad);
  }

  @Override
  public Map<String, double[]> state() {
    Map<String, double[]> state = new LinkedHashMap<>();
    for (int k = 0; k < held; k++) {
      state.put(PREFIX + k, window[Math.floorMod(next - held + k, window.length)].clone());
    }
    return state;
  }

  @Override
  public void restore(Map<String, double[]> state) {
    held = 0;
    next = 0;
    while (held < window.length && state.containsKey(PREFIX + held)) {
      Optimizers.copyOrZero(state.get(PREFIX + held), window[held]);
      held++;
    }
    next = held % window.length;
  }
}
