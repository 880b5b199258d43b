package io.grokking.trainer.model.transformer;

import io.grokking.trainer.numeric.TorchGenerator;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The initial draw of Nanda et al. 2023: every matrix N(0, 1)/√d_model, W_U N(0, 1)/√(p+1),
 * biases 0.
 *
 * <p>W_out: their {@code transformers.py} (repository
 * {@code mechanistic-interpretability-grokking/progress-measures-paper}, class {@code MLP}) draws
 * {@code W_out = randn(d_model, d_mlp) / sqrt(d_model)}, so its scale is 1/√d_model like every
 * other matrix; the PyTorch peer's 1/√d_mlp differs from it, and this class follows the paper's
 * code. With the default sizes our W_out is therefore the peer's times √(d_mlp/d_model) = 2.
 *
 * <p>The draw follows the peer's order so that, for one seed, the weights equal its weights to
 * float rounding (W_out up to that factor): the generator first draws the split's
 * {@code randperm(p²)}, then one {@code randn(numel)} per matrix, W_E, W_pos, W_Q, W_K, W_V, W_O,
 * W_in, W_out, W_U, each filled row-major in the peer's shape ({@link TransformerParameter}).
 * With more than one block ({@code model.layers}) the block's six matrices are drawn block after
 * block, in that order, between W_pos and W_U: W_E, W_pos, W_Q⁰ … W_out⁰, W_Q¹ … W_out¹, …, W_U,
 * the order of the modules of Nanda et al.'s {@code Transformer} ({@code embed}, {@code
 * pos_embed}, {@code blocks}, {@code unembed}); so one block draws exactly what it drew before
 * blocks existed.
 * (Nanda et al. store several matrices transposed and draw with an unseeded generator, so their
 * own numbers cannot be matched anyway.)
 */
public final class TransformerInit {
  private TransformerInit() {}

  /** The order in which the peer draws a block's matrices. */
  private static final TransformerParameter[] BLOCK_DRAW_ORDER = {
    TransformerParameter.W_Q, TransformerParameter.W_K, TransformerParameter.W_V,
    TransformerParameter.W_O, TransformerParameter.W_IN, TransformerParameter.W_OUT
  };

  /** Every matrix in the order it is drawn: W_E, W_pos, each block's, W_U. */
  public static List<TransformerLayout.Slot> drawOrder(TransformerLayout layout) {
    List<TransformerLayout.Slot> order = new ArrayList<>();
    order.add(layout.slot(TransformerParameter.W_E, 0));
    order.add(layout.slot(TransformerParameter.W_POS, 0));
    for (int block = 0; block < layout.shape().layers(); block++) {
      for (TransformerParameter param : BLOCK_DRAW_ORDER) {
        order.add(layout.slot(param, block));
      }
    }
    order.add(layout.slot(TransformerParameter.W_U, 0));
    return order;
  }

  /** A new flat parameter vector for {@code seed}: after the split's permutation of p², the draw. */
  public static INDArray initialise(TransformerLayout layout, long seed, DataType type) {
    TorchGenerator generator = new TorchGenerator(seed);
    int p = layout.shape().p();
    generator.randperm(p * p);
    INDArray flat = layout.zeros(type);
    draw(layout, generator, flat);
    return flat;
  }

  /** Overwrites {@code flat} with the draw from {@code generator} as it stands. */
  public static void draw(TransformerLayout layout, TorchGenerator generator, INDArray flat) {
    for (TransformerLayout.Slot slot : layout.slots()) {
      if (slot.param().isBias()) {
        layout.view(flat, slot).assign(0);
      }
    }
    for (TransformerLayout.Slot slot : drawOrder(layout)) {
      int n = Math.toIntExact(slot.size());
      float[] normal = generator.randn(n);
      double scale = scale(layout.shape(), slot.param());
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        values[i] = normal[i] * scale;
      }
      INDArray target = layout.view(flat, slot);
      target.assign(Nd4j.create(values, target.shape(), 'c').castTo(flat.dataType()));
    }
  }

  /** The standard deviation of a parameter's initial draw (0 for biases). */
  public static double scale(TransformerShape shape, TransformerParameter param) {
    if (param.isBias()) {
      return 0;
    }
    if (param == TransformerParameter.W_U) {
      return 1 / Math.sqrt(shape.vocab());
    }
    return 1 / Math.sqrt(shape.dModel());
  }
}
