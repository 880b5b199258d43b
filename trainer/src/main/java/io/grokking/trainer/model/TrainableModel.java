package io.grokking.trainer.model;

import io.grokking.trainer.task.ModularTask;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One model family as the trainer sees it: every parameter in one flat vector, a gradient vector
 * of the same layout, and full-batch passes over a fixed set of pairs. AdamW, checkpoints, the
 * weight norm and the divergence check work on the flat vectors alone, so they serve every family.
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
}
