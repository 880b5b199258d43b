package io.grokking.trainer.model.transformer;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where each parameter lies in the one flat vector that the optimiser updates and checkpoints
 * save: W_E and W_pos, then each block's W_Q … b_out in {@link TransformerParameter} order, block
 * after block, then W_U, each row-major in its own shape ({@link #slots()}). With one block this
 * is the declaration order of {@link TransformerParameter}. The flat vector is a dense
 * 1 × {@link #length()} row; a gradient vector has the same layout.
 */
public final class TransformerLayout {
  /**
   * One tensor of the flat vector: a parameter of one block (block 0 for W_E, W_pos and W_U).
   *
   * @param variable its name in the SameDiff graph ({@link TransformerGraph}) and in the trainer's
   *     tensor list: the parameter's own name with one block, {@code blocks.B.NAME} for a block's
   *     parameter with more
   * @param offset index of its first element in the flat vector
   * @param size its number of elements
   */
  public record Slot(TransformerParameter param, int block, String variable, long offset,
      long size) {}

  private final TransformerShape shape;
  private final List<Slot> slots;
  /** slots by parameter ordinal, then block. */
  private final Slot[][] byParam;
  private final long length;

  public TransformerLayout(TransformerShape shape) {
    this.shape = shape;
    TransformerParameter[] all = TransformerParameter.values();
    this.byParam = new Slot[all.length][];
    List<Slot> order = new ArrayList<>();
    long[] at = {0};
    add(TransformerParameter.W_E, 0, order, at);
    add(TransformerParameter.W_POS, 0, order, at);
    for (int block = 0; block < shape.layers(); block++) {
      for (TransformerParameter param : all) {
        if (param.perBlock()) {
          add(param, block, order, at);
        }
      }
    }
    add(TransformerParameter.W_U, 0, order, at);
    this.slots = List.copyOf(order);
    this.length = at[0];
  }

  private void add(TransformerParameter param, int block, List<Slot> order, long[] at) {
    String name = param.perBlock() && shape.layers() > 1
        ? "blocks." + block + "." + param.variable() : param.variable();
    Slot slot = new Slot(param, block, name, at[0], param.size(shape));
    if (byParam[param.ordinal()] == null) {
      byParam[param.ordinal()] = new Slot[param.perBlock() ? shape.layers() : 1];
    }
    byParam[param.ordinal()][block] = slot;
    order.add(slot);
    at[0] += slot.size();
  }

  public TransformerShape shape() {
    return shape;
  }

  /** Every tensor in the order it lies in the flat vector. */
  public List<Slot> slots() {
    return slots;
  }

  /** Total number of parameters. */
  public long length() {
    return length;
  }

  /** The tensor of {@code param} in {@code block} (0 for W_E, W_pos and W_U). */
  public Slot slot(TransformerParameter param, int block) {
    Slot[] blocks = byParam[param.ordinal()];
    if (block < 0 || block >= blocks.length) {
      throw new IllegalArgumentException(param + " exists in blocks [0, " + blocks.length
          + "), found block " + block);
    }
    return blocks[block];
  }

  /** Index of the parameter's first element in the flat vector, block 0 for a block's. */
  public long offset(TransformerParameter param) {
    return slot(param, 0).offset();
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
    return view(flat, slot(param, 0));
  }

  /** {@link #view(INDArray, TransformerParameter)} of block {@code block}'s tensor. */
  public INDArray view(INDArray flat, TransformerParameter param, int block) {
    return view(flat, slot(param, block));
  }

  /** {@link #view(INDArray, TransformerParameter)} of one tensor. */
  public INDArray view(INDArray flat, Slot slot) {
    TransformerParameter param = slot.param();
    long[] dims = param.isBias() ? new long[] {1, slot.size()} : param.shape(shape);
    return view(flat, slot.offset(), dims);
  }

  /** Head {@code h} of block 0's W_Q, W_K or W_V as a d × dHead view. */
  public INDArray head(INDArray flat, TransformerParameter param, int h) {
    return head(flat, param, h, 0);
  }

  /** Head {@code h} of block {@code block}'s W_Q, W_K or W_V as a d × dHead view. */
  public INDArray head(INDArray flat, TransformerParameter param, int h, int block) {
    if (param != TransformerParameter.W_Q && param != TransformerParameter.W_K
        && param != TransformerParameter.W_V) {
      throw new IllegalArgumentException("heads exist for W_Q, W_K and W_V only, found " + param);
    }
    if (h < 0 || h >= shape.heads()) {
      throw new IllegalArgumentException("head must be in [0, " + shape.heads() + "), found " + h);
    }
    long size = (long) shape.dModel() * shape.dHead();
    return view(flat, slot(param, block).offset() + h * size,
        new long[] {shape.dModel(), shape.dHead()});
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
