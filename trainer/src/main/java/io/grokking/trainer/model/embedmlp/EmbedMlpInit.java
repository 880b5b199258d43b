package io.grokking.trainer.model.embedmlp;

import io.grokking.trainer.numeric.TorchGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The initial draw of Chughtai, Chan and Nanda 2023 ("A Toy Model of Universality", ICML), as
 * their {@code OneLayerMLP} makes it (repository {@code bilal-chughtai/rep-theory-mech-interp},
 * {@code utils/models.py}): the model calls {@code torch.manual_seed(seed)} itself, then draws
 * {@code randn(N, e)/√e} for W_x, {@code randn(N, e)/√e} for W_y, {@code randn(2e, h)/√(2e)} for
 * W and {@code randn(h, N)/√h} for W_U, in that order: each matrix N(0, 1) over the square root
 * of its number of rows as it multiplies, i.e. of the inputs of the product it enters (for the
 * embeddings the embedding width e, since a row lookup sums one row). There are no biases.
 *
 * <p>Since their model re-seeds the generator, the draw starts from a fresh {@link
 * TorchGenerator} of the run's seed, not after the split's {@code randperm} as the transformer's
 * does ({@code shared/peer/torch_group.py} re-seeds likewise): for a seed this gives their
 * initial weights to float rounding (their division happens in float32, ours in float64 and is
 * rounded once).
 */
public final class EmbedMlpInit {
  private EmbedMlpInit() {}

  /**
   * torch draws fewer than 16 normals by another path, which {@link TorchGenerator} does not
   * reproduce; a matrix that small (only with a tiny model.embed-dim or train.width) takes the
   * first values of a draw of 16 instead, so that one matrix, and those after it, are not theirs.
   */
  static final int TORCH_BLOCK = 16;

  /** A new flat parameter vector for {@code seed}. */
  public static INDArray initialise(EmbedMlpShape shape, long seed, DataType type) {
    INDArray flat = shape.zeros(type);
    TorchGenerator generator = new TorchGenerator(seed);
    for (EmbedMlpShape.Matrix m : EmbedMlpShape.Matrix.values()) {
      int n = Math.toIntExact(m.size(shape));
      float[] normal = java.util.Arrays.copyOf(generator.randn(Math.max(n, TORCH_BLOCK)), n);
      double root = Math.sqrt(fanIn(shape, m));
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        values[i] = normal[i] / root;
      }
      INDArray target = shape.view(flat, m);
      try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
        target.assign(Nd4j.create(values, target.shape(), 'c').castTo(type));
      }
    }
    return flat;
  }

  /** The number whose square root divides the matrix's normal draw: e, e, 2e and h. */
  public static int fanIn(EmbedMlpShape shape, EmbedMlpShape.Matrix m) {
    return switch (m) {
      case W_X, W_Y -> shape.embed();
      case W -> 2 * shape.embed();
      case W_U -> shape.hidden();
    };
  }
}
