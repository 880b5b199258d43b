package io.grokking.trainer.model.embedmlp;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The sizes of the embedding MLP and where each matrix lies in its one flat parameter vector:
 * W_x (N × e), W_y (N × e), W (2e × h) and W_U (h × N), back to back in that order, each
 * row-major in its own shape, as their {@code OneLayerMLP} holds them. The flat vector is a dense
 * 1 × {@link #length()} row; a gradient vector has the same layout.
 *
 * @param vocab N, the inputs and classes (p for the modular tasks)
 * @param embed e, the width of each embedding ({@code model.embed-dim})
 * @param hidden h, the hidden units ({@code train.width})
 */
public record EmbedMlpShape(int vocab, int embed, int hidden) {
  public EmbedMlpShape {
    if (vocab < 2 || embed < 1 || hidden < 1) {
      throw new IllegalArgumentException("vocab must be >= 2, embed and hidden >= 1, found "
          + vocab + ", " + embed + ", " + hidden);
    }
  }

  /** The four matrices, in the order of the flat vector and of the initial draw. */
  public enum Matrix {
    W_X, W_Y, W, W_U;

    /** Rows of the matrix in {@code s}. */
    public int rows(EmbedMlpShape s) {
      return switch (this) {
        case W_X, W_Y -> s.vocab;
        case W -> 2 * s.embed;
        case W_U -> s.hidden;
      };
    }

    /** Columns of the matrix in {@code s}. */
    public int columns(EmbedMlpShape s) {
      return switch (this) {
        case W_X, W_Y -> s.embed;
        case W -> s.hidden;
        case W_U -> s.vocab;
      };
    }

    public long size(EmbedMlpShape s) {
      return (long) rows(s) * columns(s);
    }

    /** The name of the tensor, as their code names the parameter. */
    public String variable() {
      return switch (this) {
        case W_X -> "W_x";
        case W_Y -> "W_y";
        case W -> "W";
        case W_U -> "W_U";
      };
    }
  }

  /** Index of the matrix's first element in the flat vector. */
  public long offset(Matrix m) {
    long at = 0;
    for (Matrix before : Matrix.values()) {
      if (before == m) {
        return at;
      }
      at += before.size(this);
    }
    throw new AssertionError(m);
  }

  /** Total number of parameters. */
  public long length() {
    return offset(Matrix.W_U) + Matrix.W_U.size(this);
  }

  /** A new zero flat vector, 1 × length(), of the given type, outside any workspace. */
  public INDArray zeros(DataType type) {
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      return Nd4j.create(type, 1, length());
    }
  }

  /** The matrix as a row-major view of {@code flat}; writing to the view writes to the vector. */
  public INDArray view(INDArray flat, Matrix m) {
    return view(flat, offset(m), m.rows(this), m.columns(this));
  }

  /**
   * Rows 0..e−1 ({@code half} 0, the rows that multiply x's embedding) or e..2e−1 ({@code half}
   * 1, y's) of W, as an e × h view.
   */
  public INDArray half(INDArray flat, int half) {
    if (half != 0 && half != 1) {
      throw new IllegalArgumentException("half must be 0 or 1, found " + half);
    }
    return view(flat, offset(Matrix.W) + (long) half * embed * hidden, embed, hidden);
  }

  private INDArray view(INDArray flat, long from, int rows, int columns) {
    if (flat.length() != length() || flat.rank() != 2 || flat.rows() != 1
        || (flat.length() > 1 && flat.stride(1) != 1)) {
      throw new IllegalArgumentException("expected a dense 1 x " + length() + " parameter vector"
          + " for " + this + ", found shape " + Arrays.toString(flat.shape()) + " strides "
          + Arrays.toString(flat.stride()));
    }
    return Nd4j.create(flat.data(), new long[] {rows, columns}, new long[] {columns, 1},
        flat.offset() + from, 'c', flat.dataType());
  }
}
