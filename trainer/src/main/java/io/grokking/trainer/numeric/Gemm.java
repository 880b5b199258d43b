package io.grokking.trainer.numeric;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * C = op(A) · op(B) by one OpenBLAS call on the arrays' own memory, the same OpenBLAS that ND4J
 * loads. Row- and column-major operands (DL4J's parameter views are column-major) are handled by
 * folding their layout into the transpose flags, so nothing is copied. {@code Nd4j.gemm} goes
 * through libnd4j's matmul op instead, which costs a millisecond or more of overhead per call
 * on small products.
 */
public final class Gemm {
  private Gemm() {}

  /** Overwrites {@code c} with op(a) · op(b); all three FLOAT or all three DOUBLE. */
  public static void gemm(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c) {
    gemm(a, transA, b, transB, c, false);
  }

  /** c = op(a) · op(b), or c += op(a) · op(b) if {@code accumulate}. */
  public static void gemm(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c,
      boolean accumulate) {
    DataType type = c.dataType();
    if (a.dataType() != type || b.dataType() != type
        || (type != DataType.FLOAT && type != DataType.DOUBLE)) {
      throw new IllegalArgumentException("gemm needs FLOAT or DOUBLE operands of one type, found "
          + a.dataType() + ", " + b.dataType() + ", " + c.dataType());
    }
    Layout la = Layout.of(a);
    Layout lb = Layout.of(b);
    Layout lc = Layout.of(c);
    if (!lc.rowMajor) {
      // A column-major C is a row-major Cᵀ = op(B)ᵀ op(A)ᵀ.
      Layout swap = la;
      la = lb;
      lb = swap;
      boolean t = transA;
      transA = !transB;
      transB = !t;
      INDArray s = a;
      a = b;
      b = s;
      lc = lc.transposed();
    }
    int m = transA ? la.cols : la.rows;
    int k = transA ? la.rows : la.cols;
    int kb = transB ? lb.cols : lb.rows;
    int n = transB ? lb.rows : lb.cols;
    if (k != kb || m != lc.rows || n != lc.cols) {
      throw new IllegalArgumentException("gemm shapes do not match: op(A) " + m + "x" + k
          + ", op(B) " + kb + "x" + n + ", C " + lc.rows + "x" + lc.cols);
    }
    // A column-major operand is the row-major storage of its transpose.
    int opA = transA == la.rowMajor ? CblasTrans : CblasNoTrans;
    int opB = transB == lb.rowMajor ? CblasTrans : CblasNoTrans;
    if (type == DataType.FLOAT) {
      openblas_nolapack.cblas_sgemm(CblasRowMajor, opA, opB, m, n, k, 1f,
          (FloatPointer) a.data().addressPointer(), la.ld,
          (FloatPointer) b.data().addressPointer(), lb.ld, accumulate ? 1f : 0f,
          (FloatPointer) c.data().addressPointer(), lc.ld);
    } else {
      openblas_nolapack.cblas_dgemm(CblasRowMajor, opA, opB, m, n, k, 1.0,
          (DoublePointer) a.data().addressPointer(), la.ld,
          (DoublePointer) b.data().addressPointer(), lb.ld, accumulate ? 1.0 : 0.0,
          (DoublePointer) c.data().addressPointer(), lc.ld);
    }
  }

  /** A matrix as BLAS sees it: rows × cols stored row- or column-major with leading dimension. */
  private record Layout(int rows, int cols, boolean rowMajor, int ld) {
    static Layout of(INDArray x) {
      if (x.rank() != 2) {
        throw new IllegalArgumentException("gemm needs matrices, found shape "
            + Arrays.toString(x.shape()));
      }
      int rows = (int) x.rows();
      int cols = (int) x.columns();
      long rs = x.stride(0);
      long cs = x.stride(1);
      // A stride along a dimension of size 1 is never stepped, so it may be anything.
      if ((cs == 1 || cols == 1) && (rows == 1 || rs >= cols)) {
        return new Layout(rows, cols, true, (int) Math.max(rows == 1 ? cols : rs, 1));
      }
      if ((rs == 1 || rows == 1) && (cols == 1 || cs >= rows)) {
        return new Layout(rows, cols, false, (int) Math.max(cols == 1 ? rows : cs, 1));
      }
      throw new IllegalArgumentException("gemm needs unit stride along one dimension, found shape "
          + Arrays.toString(x.shape()) + " strides " + Arrays.toString(x.stride()));
    }

    Layout transposed() {
      return new Layout(cols, rows, !rowMajor, ld);
    }
  }
}
