package io.grokking.trainer.fourier;

import io.grokking.trainer.numeric.OffHeap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Copies ND4J matrices to Java arrays. */
public final class Matrices {
  private Matrices() {}

  /**
   * The rows of a float or double matrix, any strides, as doubles. Reads the array's memory in
   * place ({@link OffHeap}): ND4J's own {@code toDoubleMatrix()} goes element by element and
   * measured 300–900 ms for a 961 × 31 matrix here, and a cast and a copy through ND4J ops each
   * allocate fresh off-heap memory, which costs page faults on every call.
   */
  public static double[][] rows(INDArray matrix) {
    int rows = (int) matrix.rows();
    int cols = (int) matrix.columns();
    double[][] out = new double[rows][cols];
    if (matrix.dataType() == DataType.DOUBLE) {
      double[] flat = new double[rows * cols];
      OffHeap.read(matrix, flat);
      for (int r = 0; r < rows; r++) {
        System.arraycopy(flat, r * cols, out[r], 0, cols);
      }
    } else {
      float[] flat = new float[rows * cols];
      OffHeap.read(matrix.dataType() == DataType.FLOAT ? matrix : matrix.castTo(DataType.FLOAT),
          flat);
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          out[r][c] = flat[r * cols + c];
        }
      }
    }
    return out;
  }
}
