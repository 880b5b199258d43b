package io.grokking.trainer.model;

import io.grokking.trainer.task.ModularTask;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One model family as the trainer sees it: every parameter in one flat vector, a gradient vector
 * of the same layout, and passes over a fixed set of pairs or over minibatches of them. AdamW,
 * checkpoints, the weight norm and the divergence check work on the flat vectors alone, so they
 * serve every family.
 */
public interface TrainableModel {
  /** All parameters, one dense vector that the passes read and the optimiser updates in place. */
  INDArray params();

  /** The gradient of the mean training loss, same shape and layout as {@link #params()}. */
  INDArray gradient();

  /**
   * The parameter tensors as ranges of {@link #params()}, in order, tiling the whole vector: what
   * per-tensor operations (the orthogonal gradient filter) work on.
   */
  List<Tensor> tensors();

  /** One parameter tensor: elements {@code offset .. offset + length − 1} of the flat vector. */
  record Tensor(String name, long offset, long length) {}

  /**
   * Passes over one side of the split, allocated once; {@link Passes#backward()} writes the
   * gradient of that side's mean loss into {@link #gradient()}.
   */
  Passes passes(ModularTask.Side side);

  /**
   * Passes over minibatches of {@code size} rows of {@code side}, allocated once: before each
   * forward pass, {@link BatchPasses#select} refills them with the rows of the next batch. Their
   * loss, accuracy and gradient are those of {@link #passes} over a side made of the selected
   * rows alone ({@link Minibatch#rowsOf}), up to the order of summation.
   */
  BatchPasses batchPasses(ModularTask.Side side, int size);

  /** Forward, loss and backward of one fixed batch under the current parameters. */
  interface Passes {
    /** Logits under the current parameters, one row per pair, in a reused buffer. */
    INDArray forward();

    /** The logits of the last forward pass. */
    INDArray logits();

    /** Mean cross-entropy of the last forward pass. */
    double loss();

    /** Share of pairs whose arg-max logit (over the p residues) is the label. */
    double accuracy();

    /** The gradient of the last forward pass's mean loss into the model's gradient vector. */
    void backward();
  }

  /** Passes whose rows change from one minibatch to the next, all of one size. */
  interface BatchPasses extends Passes {
    /** Rows per batch: the length {@link #select} takes. */
    int size();

    /**
     * Makes the passes that follow run over rows {@code rows} of the side, in this order; there
     * must be {@link #size()} of them. Nothing is allocated off-heap.
     */
    void select(int[] rows);
  }
}
