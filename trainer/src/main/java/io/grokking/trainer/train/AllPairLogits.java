package io.grokking.trainer.train;

import io.grokking.trainer.numeric.OffHeap;
import io.grokking.trainer.task.ModularTask;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The logits of all p² inputs, row a·p + b, put together from the forward passes over the two
 * sides of the split. It needs a task whose training and test pairs partition the p² inputs
 * (every operation but {@code div}, which leaves out b = 0); then at an evaluation step, where both
 * passes have just run on the current weights, the probes need no forward pass of their own. The
 * rows are reused from one evaluation to the next.
 */
final class AllPairLogits {
  private final int[] trainPairs;
  private final int[] testPairs;
  private final double[][] rows;
  private final float[] floats;
  private final double[] doubles;

  AllPairLogits(ModularTask data, DataType type) {
    int p = data.modulus();
    if (data.universe() != p * p) {
      throw new IllegalArgumentException("all-pair logits need the two sides to cover all p² = "
          + p * p + " inputs, found " + data.universe() + " pairs ("
          + data.operation().key() + ")");
    }
    this.trainPairs = data.train().pairs();
    this.testPairs = data.test().pairs();
    this.rows = new double[p * p][p];
    int largest = Math.max(trainPairs.length, testPairs.length) * p;
    this.floats = type == DataType.FLOAT ? new float[largest] : null;
    this.doubles = type == DataType.FLOAT ? null : new double[largest];
  }

  /**
   * @param train the training pass's logits, one row per training pair in split order
   * @param test the test pass's logits, likewise; null when the split has no test pair (fraction
   *     1), where the training pairs alone cover all p² inputs
   * @return p² rows of p logits; valid until the next call
   */
  double[][] gather(INDArray train, INDArray test) {
    scatter(train, trainPairs);
    if (testPairs.length > 0) {
      scatter(test, testPairs);
    }
    return rows;
  }

  private void scatter(INDArray logits, int[] pairs) {
    int classes = rows[0].length;
    if (floats != null) {
      OffHeap.read(logits, floats);
      for (int i = 0; i < pairs.length; i++) {
        double[] row = rows[pairs[i]];
        for (int c = 0; c < classes; c++) {
          row[c] = floats[i * classes + c];
        }
      }
    } else {
      OffHeap.read(logits, doubles);
      for (int i = 0; i < pairs.length; i++) {
        System.arraycopy(doubles, i * classes, rows[pairs[i]], 0, classes);
      }
    }
  }
}
