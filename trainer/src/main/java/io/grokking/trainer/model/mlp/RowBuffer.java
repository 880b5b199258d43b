package io.grokking.trainer.model.mlp;

import io.grokking.trainer.numeric.OffHeap;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dense row-major float32 or float64 matrix read and written one row at a time as float64,
 * through an NIO view of its off-heap memory. It holds the array itself as well as the view: a
 * view does not keep its array alive, and once the array is collected its memory is freed under
 * the view ({@link ElementwisePasses} tells how that corrupted the native heap once).
 */
final class RowBuffer {
  private final INDArray array;
  private final FloatBuffer floats;
  private final DoubleBuffer doubles;
  private final float[] staged;
  private final int columns;

  RowBuffer(INDArray array) {
    if (array.rank() != 2 || !OffHeap.denseRowMajor(array)) {
      throw new IllegalArgumentException("a row buffer needs a dense row-major matrix, found shape "
          + java.util.Arrays.toString(array.shape()) + " strides "
          + java.util.Arrays.toString(array.stride()));
    }
    this.array = array;
    this.columns = (int) array.columns();
    boolean single = array.dataType() == DataType.FLOAT;
    this.floats = single ? OffHeap.floats(array) : null;
    this.doubles = single ? null : OffHeap.doubles(array);
    this.staged = single ? new float[columns] : null;
  }

  /** The matrix whose memory this reads and writes. */
  INDArray array() {
    return array;
  }

  /** Row {@code row} into {@code out[0 .. columns)}. */
  void get(int row, double[] out) {
    if (doubles != null) {
      doubles.get(row * columns, out, 0, columns);
      return;
    }
    floats.get(row * columns, staged, 0, columns);
    for (int j = 0; j < columns; j++) {
      out[j] = staged[j];
    }
  }

  /** Row {@code row} from {@code in[0 .. columns)}, rounded to float32 for a float32 matrix. */
  void put(int row, double[] in) {
    if (doubles != null) {
      doubles.put(row * columns, in, 0, columns);
      return;
    }
    for (int j = 0; j < columns; j++) {
      staged[j] = (float) in[j];
    }
    floats.put(row * columns, staged, 0, columns);
  }
}
