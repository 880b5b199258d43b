package io.grokking.trainer.numeric;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * NIO views of an ND4J array's off-heap memory, and strided copies between a matrix and a dense
 * row-major Java array. The step kernels work on Java arrays, which the JIT vectorizes, and move
 * whole rows through these views with bulk copies: element-wise {@code get(i)} on a direct buffer
 * runs about twice as slow, and an ND4J op per pass costs a native call with its own overhead.
 *
 * <p>Element 0 of a view is the array's first element: for views ND4J's buffer address already
 * includes the offset, whereas {@code data().asNioFloat()} starts at the parent buffer's start.
 */
public final class OffHeap {
  private OffHeap() {}

  /** The elements an array's strides can reach, from its first element. */
  static long span(INDArray a) {
    long span = 1;
    for (int d = 0; d < a.rank(); d++) {
      span += (a.size(d) - 1) * a.stride(d);
    }
    return span;
  }

  public static FloatBuffer floats(INDArray a) {
    check(a, DataType.FLOAT);
    return new FloatPointer(a.data().addressPointer()).capacity(span(a)).asBuffer();
  }

  public static DoubleBuffer doubles(INDArray a) {
    check(a, DataType.DOUBLE);
    return new DoublePointer(a.data().addressPointer()).capacity(span(a)).asBuffer();
  }

  /** True if the array's elements are one dense block in row-major order. */
  public static boolean denseRowMajor(INDArray a) {
    long expected = 1;
    for (int d = a.rank() - 1; d >= 0; d--) {
      if (a.size(d) != 1 && a.stride(d) != expected) {
        return false;
      }
      expected *= a.size(d);
    }
    return true;
  }

  /**
   * The Euclidean norm of a dense array's elements, accumulated in double. ND4J's
   * {@code norm2Number()} allocates its result and goes through a native reduction op, which took
   * two thirds of an evaluation's time for the demo's networks.
   */
  public static double norm2(INDArray a) {
    // The sum does not depend on the order, only on the elements forming one block.
    if (span(a) != a.length()) {
      throw new IllegalArgumentException("expected a dense array, found shape "
          + java.util.Arrays.toString(a.shape()) + " with strides "
          + java.util.Arrays.toString(a.stride()));
    }
    int n = (int) a.length();
    double sum = 0;
    if (a.dataType() == DataType.DOUBLE) {
      DoubleBuffer buf = doubles(a);
      for (int i = 0; i < n; i++) {
        double v = buf.get(i);
        sum += v * v;
      }
    } else {
      FloatBuffer buf = floats(a);
      for (int i = 0; i < n; i++) {
        double v = buf.get(i);
        sum += v * v;
      }
    }
    return Math.sqrt(sum);
  }

  /** Copies matrix {@code m} (any strides) into {@code out} as dense row-major rows × columns. */
  public static void read(INDArray m, float[] out) {
    int rows = (int) m.rows();
    int cols = (int) m.columns();
    FloatBuffer buf = floats(m);
    if (denseRowMajor(m)) {
      buf.get(0, out, 0, rows * cols);
      return;
    }
    float[] raw = new float[(int) span(m)];
    buf.get(0, raw, 0, raw.length);
    long rs = m.stride(0);
    long cs = m.stride(1);
    if (rs <= cs) {  // column-major: walk the source in order
      for (int c = 0; c < cols; c++) {
        for (int r = 0; r < rows; r++) {
          out[r * cols + c] = raw[(int) (r * rs + c * cs)];
        }
      }
    } else {
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          out[r * cols + c] = raw[(int) (r * rs + c * cs)];
        }
      }
    }
  }

  public static void read(INDArray m, double[] out) {
    int rows = (int) m.rows();
    int cols = (int) m.columns();
    DoubleBuffer buf = doubles(m);
    if (denseRowMajor(m)) {
      buf.get(0, out, 0, rows * cols);
      return;
    }
    double[] raw = new double[(int) span(m)];
    buf.get(0, raw, 0, raw.length);
    long rs = m.stride(0);
    long cs = m.stride(1);
    if (rs <= cs) {  // column-major: walk the source in order
      for (int c = 0; c < cols; c++) {
        for (int r = 0; r < rows; r++) {
          out[r * cols + c] = raw[(int) (r * rs + c * cs)];
        }
      }
    } else {
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          out[r * cols + c] = raw[(int) (r * rs + c * cs)];
        }
      }
    }
  }

  /**
   * Overwrites matrix {@code m} (any strides) with dense row-major {@code in}. Elements of the
   * strided span that do not belong to {@code m} are written back unchanged.
   */
  public static void write(float[] in, INDArray m) {
    int rows = (int) m.rows();
    int cols = (int) m.columns();
    FloatBuffer buf = floats(m);
    if (denseRowMajor(m)) {
      buf.put(0, in, 0, rows * cols);
      return;
    }
    float[] raw = new float[(int) span(m)];
    if (raw.length != (long) rows * cols) {
      buf.get(0, raw, 0, raw.length);
    }
    long rs = m.stride(0);
    long cs = m.stride(1);
    if (rs <= cs) {  // column-major: walk the destination in order
      for (int c = 0; c < cols; c++) {
        for (int r = 0; r < rows; r++) {
          raw[(int) (r * rs + c * cs)] = in[r * cols + c];
        }
      }
    } else {
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          raw[(int) (r * rs + c * cs)] = in[r * cols + c];
        }
      }
    }
    buf.put(0, raw, 0, raw.length);
  }

  public static void write(double[] in, INDArray m) {
    int rows = (int) m.rows();
    int cols = (int) m.columns();
    DoubleBuffer buf = doubles(m);
    if (denseRowMajor(m)) {
      buf.put(0, in, 0, rows * cols);
      return;
    }
    double[] raw = new double[(int) span(m)];
    if (raw.length != (long) rows * cols) {
      buf.get(0, raw, 0, raw.length);
    }
    long rs = m.stride(0);
    long cs = m.stride(1);
    if (rs <= cs) {  // column-major: walk the destination in order
      for (int c = 0; c < cols; c++) {
        for (int r = 0; r < rows; r++) {
          raw[(int) (r * rs + c * cs)] = in[r * cols + c];
        }
      }
    } else {
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          raw[(int) (r * rs + c * cs)] = in[r * cols + c];
        }
      }
    }
    buf.put(0, raw, 0, raw.length);
  }

  private static void check(INDArray a, DataType type) {
    if (a.dataType() != type) {
      throw new IllegalArgumentException("expected a " + type + " array, found " + a.dataType());
    }
    for (int d = 0; d < a.rank(); d++) {
      if (a.stride(d) < 0) {
        throw new IllegalArgumentException("negative strides are not supported, found "
            + java.util.Arrays.toString(a.stride()));
      }
    }
    if (span(a) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("array spans more than 2^31 elements: " + span(a));
    }
  }
}
