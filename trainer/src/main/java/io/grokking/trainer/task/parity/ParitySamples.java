package io.grokking.trainer.task.parity;

/**
 * Labelled sparse-parity samples: {@code rows} inputs of {@code bits} values in ±1, row-major in
 * {@code x}, and their labels in ±1 in {@code y}. Class 1 is the label +1 and class 0 the label
 * −1, for code that wants a class index.
 */
public record ParitySamples(int bits, float[] x, float[] y) {
  public ParitySamples {
    if (x.length != (long) y.length * bits) {
      throw new IllegalArgumentException("x must hold " + y.length + " rows of " + bits
          + " bits, found " + x.length + " values");
    }
  }

  public int rows() {
    return y.length;
  }

  /** Bit {@code j} of row {@code row}, in ±1. */
  public float bit(int row, int j) {
    return x[row * bits + j];
  }

  /** The class index of a row: 1 for the label +1, 0 for −1. */
  public int classOf(int row) {
    return y[row] > 0 ? 1 : 0;
  }
}
