package io.grokking.trainer.model.mlp;

import io.grokking.trainer.config.Activation;
import io.grokking.trainer.loss.CrossEntropy;
import io.grokking.trainer.loss.Loss;
import io.grokking.trainer.numeric.OffHeap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The passes of {@link ForwardBackward} that are not matrix products, as plain Java loops over
 * whole rows: the gather that replaces the one-hot product X·W_in, the activation, the softmax
 * with its cross-entropy gradient, and the scatter-add that replaces Xᵀ·dG. Each is one pass over
 * its data, where ND4J ops would take one pass (and one native call) per elementary operation.
 * {@link FloatPasses} and {@link DoublePasses} are the same code in the two precisions.
 *
 * <p>Buffers (all dense row-major, one row per distinct batch row): h = act(G) and, for quad,
 * g = G (rows × width); logits and dLogits (rows × classes); dH, one block of rows × width.
 * Passes go by blocks of rows so that {@link ForwardBackward} can interleave them with its
 * products while a block is in cache.
 */
abstract class ElementwisePasses {
  /** The distinct rows ({@link UniqueRows}): the passes run over these, weighted. */
  final int[] first;
  final int[] second;
  final int[] labels;
  final int[] weights;
  final int[] rowOf;
  final int rows;
  /** Rows of the batch, the n of the mean loss. */
  final int n;
  final int inputs;
  final int width;
  final int classes;
  final boolean relu;
  /**
   * The loss when it is not cross-entropy, else null: cross-entropy, the default and the benchmarked
   * path, keeps its fused loop; every other loss goes through {@link Loss#row} one row at a time.
   */
  final Loss other;
  double lossSum;
  int correct;
  /**
   * The arrays whose memory the subclasses reach through NIO views. A view does not keep its ND4J
   * array alive: once the array is collected its memory is freed, and writes through the view
   * corrupt the native heap (the quad activation's G buffer, referenced nowhere else, did).
   */
  @SuppressWarnings("unused")
  private final INDArray[] memory;

  ElementwisePasses(Batch batch, UniqueRows unique, int width, int classes,
      Activation activation, Loss loss, INDArray... memory) {
    this.memory = memory;
    this.other = loss instanceof CrossEntropy ? null : loss;
    this.first = unique.first();
    this.second = unique.second();
    this.labels = unique.labels();
    this.weights = unique.weights();
    this.rowOf = unique.rowOf();
    this.rows = unique.size();
    this.n = batch.size();
    this.inputs = batch.inputs();
    this.width = width;
    this.classes = classes;
    this.relu = activation == Activation.RELU;
    if ((long) Math.max(n, rows) * Math.max(width, classes) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("batch too large for one buffer: " + n + " rows of "
          + Math.max(width, classes));
    }
  }

  static ElementwisePasses create(DataType type, Batch batch, UniqueRows unique, int width,
      int classes, Activation activation, Loss loss, INDArray h, INDArray g, INDArray logits,
      INDArray dLogits, INDArray dH) {
    for (INDArray a : new INDArray[] {h, g, logits, dLogits, dH}) {
      if (a != null && !OffHeap.denseRowMajor(a)) {
        throw new IllegalArgumentException("step buffers must be dense row-major");
      }
    }
    return switch (type) {
      case FLOAT -> new FloatPasses(batch, unique, width, classes, activation, loss, h, g, logits,
          dLogits, dH);
      case DOUBLE -> new DoublePasses(batch, unique, width, classes, activation, loss, h, g,
          logits, dLogits, dH);
      default -> throw new IllegalArgumentException(
          "precision must be FLOAT or DOUBLE, found " + type);
    };
  }

  /** Copies W_in to the heap, row-major, for the gathers that follow. */
  abstract void loadWeights(INDArray wIn);

  /** Rows [from, to) of h (and g): G_i = W_in[first_i] + W_in[second_i], h_i = act(G_i). */
  abstract void gather(int from, int to);

  void resetStats() {
    lossSum = 0;
    correct = 0;
  }

  /**
   * Rows [from, to) of the logits: adds Σ_i w_i · ℓ(L_i, y_i) to lossSum and
   * Σ_i w_i · [argmax L_i = y_i] (first maximum, as ND4J's argMax) to correct, and writes
   * dLogits_i = w_i · ∂ℓ(L_i, y_i)/∂L_i / n, w_i being the row's multiplicity and ℓ the row loss.
   */
  final void lossAndGradient(int from, int to) {
    if (other == null) {
      softmaxCrossEntropy(from, to);
    } else {
      otherLoss(from, to);
    }
  }

  /** {@link #lossAndGradient} for cross-entropy: ℓ = −log softmax(L_i)_{y_i}, fused. */
  abstract void softmaxCrossEntropy(int from, int to);

  /** {@link #lossAndGradient} through {@link #other}, the row's logits read in float64. */
  abstract void otherLoss(int from, int to);

  /** Row i of {@code full} (n × classes) = logits row rowOf_i. */
  abstract void expandLogits(INDArray full);

  abstract void clearGradient();

  /**
   * Rows [from, to) of dG = dH ⊙ act'(G), scatter-added to W_in rows first_i and second_i of the
   * heap gradient (dW_in = Xᵀ dG); row i of dH is row i − from of the dH block buffer.
   */
  abstract void scatter(int from, int to);

  /** Writes the heap gradient into dWin (any layout). */
  abstract void storeGradient(INDArray dWin);

  void checkInputs(INDArray w) {
    if (w.rows() != inputs || w.columns() != width) {
      throw new IllegalArgumentException("W_in and its gradient must be " + inputs + "x" + width
          + ", found " + w.rows() + "x" + w.columns());
    }
  }
}
