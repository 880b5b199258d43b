package io.grokking.trainer.model.transformer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where each parameter lies in the one flat vector that the optimiser updates and checkpoints
 * save: the blocks of {@link TransformerParameter} back to back in declaration order, each
 * row-major in its own shape. The flat vector is a dense 1 × {@link #length()} row; a gradient
 * vector has the same layout.
 */
public final class TransformerLayout {
  private final TransformerShape shape;
  private final long[] offsets;
  private final long length;

  public TransformerLayout(TransformerShape shape) {
    this.shape = shape;
    TransformerParameter[] all = TransformerParameter.values();
    this.offsets = new long[all.length];
    long at = 0;
    for (TransformerParameter param : all) {
      offsets[param.ordinal()] = at;
      at += param.size(shape);
    }
    this.length = at;
  }

  public TransformerShape shape() {
    return shape;
  }

  /** Total number of parameters. */
  public long length() {
    return length;
  }

  /** Index of the parameter's first element in the flat vector. */
  public long offset(TransformerParameter param) {
    return offsets[param.ordinal()];
  }

  /** A new zero flat vector, 1 × length(), of the given type. */
  public INDArray zeros(DataType type) {
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      return Nd4j.create(type, 1, length);
    }
  }

  /**
   * The parameter as a row-major view of {@code flat} in its own shape (biases as 1 × n rows);
   * writing to the view writes to the vector.
   */
  public INDArray view(INDArray flat, TransformerParameter param) {
    long[] dims = param.isBias() ? new long[] {1, param.size(shape)} : param.shape(shape);
    return view(flat, offset(param), dims);
  }

  /** Head {@code h} of W_Q, W_K or W_V as a d × dHead view. */
  public INDArray head(INDArray flat, TransformerParameter param, int h) {
    if (param != TransformerParameter.W_Q && param != TransformerParameter.W_K
        && param != TransformerParameter.W_V) {
      throw new IllegalArgumentException("heads exist for W_Q, W_K and W_V only, found " + param);
    }
    if (h < 0 || h >= shape.heads()) {
      throw new IllegalArgumentException("head must be in [0, " + shape.heads() + "), found " + h);
    }
    long block = (long) shape.dModel() * shape.dHead();
    return view(flat, offset(param) + h * block, new long[] {shape.dModel(), shape.dHead()});
  }

  private INDArray view(INDArray flat, long from, long[] dims) {
    check(flat);
    long[] strides = new long[dims.length];
    long s = 1;
    for (int k = dims.length - 1; k >= 0; k--) {
      strides[k] = s;
      s *= dims[k];
    }
    return Nd4j.create(flat.data(), dims, strides, flat.offset() + from, 'c', flat.dataType());
  }

  private void check(INDArray flat) {
    if (flat.length() != length || flat.rank() != 2 || flat.rows() != 1
        || (flat.length() > 1 && flat.stride(1) != 1)) {
      throw new IllegalArgumentException("expected a dense 1 x " + length
          + " parameter vector for " + shape + ", found shape "
          + java.util.Arrays.toString(flat.shape()) + " strides "
          + java.util.Arrays.toString(flat.stride()));
    }
  }
}
