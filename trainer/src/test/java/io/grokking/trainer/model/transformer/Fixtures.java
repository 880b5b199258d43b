package io.grokking.trainer.model.transformer;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Small shapes, batches and random weights shared by the transformer tests. */
final class Fixtures {
  private Fixtures() {}

  /** p = 7 with d_model 16, 2 heads of 8 and d_mlp 32: every code path, fast to check. */
  static final TransformerShape SMALL = new TransformerShape(7, 16, 2, 8, 32);

  /** All p² pairs (a, b) in row-major order with labels (a + b) mod p. */
  static int[][] allPairs(int p) {
    int[] a = new int[p * p];
    int[] b = new int[p * p];
    int[] y = new int[p * p];
    for (int i = 0; i < p * p; i++) {
      a[i] = i / p;
      b[i] = i % p;
      y[i] = (a[i] + b[i]) % p;
    }
    return new int[][] {a, b, y};
  }

  /** {@code count} distinct pairs drawn at random. */
  static int[][] somePairs(int p, int count, long seed) {
    int[][] all = allPairs(p);
    Random random = new Random(seed);
    int[] order = new int[p * p];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int s = order[i];
      order[i] = order[j];
      order[j] = s;
    }
    int[][] out = new int[3][count];
    for (int i = 0; i < count; i++) {
      for (int c = 0; c < 3; c++) {
        out[c][i] = all[c][order[i]];
      }
    }
    return out;
  }

  /**
   * Every parameter, biases included, N(0, scale²): non-zero biases and sharper attention than
   * the initial draw, so that every term of the gradient is exercised.
   */
  static INDArray randomParams(TransformerLayout layout, DataType type, double scale, long seed) {
    Random random = new Random(seed);
    INDArray flat = layout.zeros(type);
    for (long i = 0; i < layout.length(); i++) {
      flat.putScalar(0, i, scale * random.nextGaussian());
    }
    return flat;
  }
}
