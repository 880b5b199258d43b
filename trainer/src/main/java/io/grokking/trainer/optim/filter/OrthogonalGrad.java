package io.grokking.trainer.optim.filter;

import io.grokking.trainer.model.TrainableModel;
import io.grokking.trainer.numeric.FlatVectors;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ⊥Grad (Prieto et al. 2025, "Grokking at the edge of numerical stability", Sec. 5): per
 * parameter tensor w with gradient g, removes the component along w and restores the norm,
 *
 * <pre>
 * g⊥ = g − (w·g / ‖w‖²) w,   g ← g⊥ · ‖g‖ / ‖g⊥‖
 * </pre>
 *
 * so the step cannot scale the weights up (their "naïve loss minimisation"). The authors'
 * {@code OrthoGrad._orthogonalize_gradients} (orthograd.py of their repository; read in the fork
 * EIFY/grokking-at-the-edge-of-numerical-stability, commit 47d2045) adds 1e-30 to ‖w‖² and ‖g⊥‖
 * instead; here a tensor with ‖w‖ = 0 or ‖g⊥‖ = 0 keeps its gradient as it is, which agrees with
 * theirs for w = 0 and differs only when g is exactly parallel to w (theirs then gives 0). Dot
 * products and norms are accumulated in double.
 */
final class OrthogonalGrad implements GradientFilter {
  private final List<TrainableModel.Tensor> tensors;
  private final double[] w;
  private final double[] g;

  OrthogonalGrad(int length, List<TrainableModel.Tensor> tensors) {
    long covered = tensors.stream().mapToLong(TrainableModel.Tensor::length).sum();
    if (covered != length) {
      throw new IllegalArgumentException("the tensors cover " + covered + " of " + length
          + " parameters");
    }
    this.tensors = List.copyOf(tensors);
    this.w = new double[length];
    this.g = new double[length];
  }

  @Override
  public void apply(INDArray params, INDArray grad) {
    FlatVectors.read(params, w);
    FlatVectors.read(grad, g);
    for (TrainableModel.Tensor t : tensors) {
      project((int) t.offset(), (int) (t.offset() + t.length()));
    }
    FlatVectors.write(g, grad);
  }

  private void project(int from, int to) {
    double ww = 0;
    double wg = 0;
    double gg = 0;
    for (int i = from; i < to; i++) {
      ww += w[i] * w[i];
      wg += w[i] * g[i];
      gg += g[i] * g[i];
    }
    if (ww == 0) {
      return;
    }
    double c = wg / ww;
    double oo = 0;
    for (int i = from; i < to; i++) {
      double o = g[i] - c * w[i];
      oo += o * o;
    }
    if (oo == 0) {
      return;
    }
    double scale = Math.sqrt(gg) / Math.sqrt(oo);
    for (int i = from; i < to; i++) {
      g[i] = (g[i] - c * w[i]) * scale;
    }
  }

  @Override
  public Map<String, double[]> state() {
    return Map.of();
  }

  @Override
  public void restore(Map<String, double[]> state) {}
}
