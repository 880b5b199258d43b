package io.grokking.trainer.train;

import io.grokking.trainer.config.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The passes of {@link ForwardBackward} that are not matrix products, as plain Java loops over
 * whole rows: the gather that replaces the one-hot product X·W_in, the activation, the softmax
 * with its cross-entropy gradient, and the scatter-add that replaces Xᵀ·dG. Each is one pass over
 * its data, where ND4J ops would take one pass (and one native call) per elementary operation.
 * {@link FloatPasses} and {@link DoublePasses} are the same code in the two precisions.
 *
 * <p>Buffers (all dense row-major): h = act(G) and, for quad, g = G (n × width); logits and
 * dLogits (n × classes); dH (n × width).
 */
abstract class ElementwisePasses {
  final int[] first;
  final int[] second;
  final int[] labels;
  final int n;
  final int inputs;
  final int width;
  final int classes;
  final boolean relu;
  double lossSum;
  int correct;

  ElementwisePasses(Batch batch, int width, int classes, Activation activation) {
    this.first = batch.first();
    this.second = batch.second();
    this.labels = batch.labels();
    this.n = batch.size();
    this.inputs = (int) batch.x().columns();
    this.width = width;
    this.classes = classes;
    this.relu = activation == Activation.RELU;
    if ((long) n * Math.max(width, classes) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("batch too large for one buffer: " + n + " rows of "
          + Math.max(width, classes));
    }
  }

  static ElementwisePasses create(DataType type, Batch batch, int width, int classes,
      Activation activation, INDArray h, INDArray g, INDArray logits, INDArray dLogits,
      INDArray dH) {
    for (INDArray a : new INDArray[] {h, g, logits, dLogits, dH}) {
      if (a != null && !OffHeap.denseRowMajor(a)) {
        throw new IllegalArgumentException("step buffers must be dense row-major");
      }
    }
    return switch (type) {
      case FLOAT -> new FloatPasses(batch, width, classes, activation, h, g, logits, dLogits, dH);
      case DOUBLE -> new DoublePasses(batch, width, classes, activation, h, g, logits, dLogits,
          dH);
      default -> throw new IllegalArgumentException(
          "precision must be FLOAT or DOUBLE, found " + type);
    };
  }

  /** h (and g) from W_in: G_i = W_in[first_i] + W_in[second_i], h_i = act(G_i). */
  abstract void gather(INDArray wIn);

  /**
   * From the logits: lossSum = Σ_i −log softmax(L_i)_{y_i}, correct = #{i : argmax L_i = y_i}
   * (first maximum, as ND4J's argMax), and dLogits = (softmax(L) − Y) / n.
   */
  abstract void softmaxCrossEntropy();

  void checkInputs(INDArray w) {
    if (w.rows() != inputs || w.columns() != width) {
      throw new IllegalArgumentException("W_in and its gradient must be " + inputs + "x" + width
          + ", found " + w.rows() + "x" + w.columns());
    }
  }

  /** dWin = Xᵀ (dH ⊙ act'(G)), as a scatter-add of row i to W_in rows first_i and second_i. */
  abstract void scatter(INDArray dWin);
}
