package io.grokking.trainer.numeric;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies between a dense float32 or float64 ND4J vector and a heap {@code double[]}: the
 * optimizers and filters other than AdamW compute in double on the heap and round once when they
 * write back.
 */
public final class FlatVectors {
  private FlatVectors() {}

  public static void read(INDArray v, double[] out) {
    check(v, out.length);
    switch (v.dataType()) {
      case DOUBLE -> OffHeap.doubles(v).get(0, out, 0, out.length);
      case FLOAT -> {
        var buf = OffHeap.floats(v);
        for (int i = 0; i < out.length; i++) {
          out[i] = buf.get(i);
        }
      }
      default -> throw new IllegalArgumentException(
          "vectors must be FLOAT or DOUBLE, found " + v.dataType());
    }
  }

  public static double[] read(INDArray v) {
    double[] out = new double[(int) v.length()];
    read(v, out);
    return out;
  }

  public static void write(double[] in, INDArray v) {
    check(v, in.length);
    switch (v.dataType()) {
      case DOUBLE -> OffHeap.doubles(v).put(0, in, 0, in.length);
      case FLOAT -> {
        var buf = OffHeap.floats(v);
        for (int i = 0; i < in.length; i++) {
          buf.put(i, (float) in[i]);
        }
      }
      default -> throw new IllegalArgumentException(
          "vectors must be FLOAT or DOUBLE, found " + v.dataType());
    }
  }

  private static void check(INDArray v, int length) {
    if (v.length() != length || !OffHeap.denseRowMajor(v)) {
      throw new IllegalArgumentException("expected a dense vector of " + length
          + " elements, found " + v.length() + (OffHeap.denseRowMajor(v) ? "" : " (strided)"));
    }
  }
}
