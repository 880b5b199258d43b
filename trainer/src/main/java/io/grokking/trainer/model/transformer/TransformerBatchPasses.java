package io.grokking.trainer.model.transformer;

import io.grokking.trainer.loss.CrossEntropy;
import io.grokking.trainer.loss.Loss;
import io.grokking.trainer.model.TrainableModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Forward pass, mean loss and exact gradient of the transformer of any depth for one batch of
 * pairs, fixed or refilled in place ({@link #select}), bound to one flat parameter vector and one
 * flat gradient vector ({@link TransformerLayout}), plus the MLP activations the Fourier probe
 * reads. One block trains through
 * {@link TransformerPasses}, which exploits that only the {@code =} position reaches the logits
 * through one attention; more blocks through {@link DeepTransformerPasses}.
 */
public interface TransformerBatchPasses extends TrainableModel.Passes {
  /**
   * The last block's MLP activations at {@code =} (n × dMlp, dense, row i for pair i) of the
   * last forward pass, in a buffer that the next one overwrites; with one block, the MLP of
   * Nanda et al.
   */
  INDArray mlpActivations();

  /**
   * Replaces the batch in place with the pairs (a_i, b_i) labelled labels_i, as many as it
   * holds, keeping every buffer: how a minibatch's passes take the next batch.
   */
  void select(int[] a, int[] b, int[] labels);

  /**
   * Copies a batch of {@code into[0].length} pairs into the arrays a pass holds; the values lie in
   * [0, p) as they come from the side the first batch came from.
   */
  static void copy(int[][] into, int[] a, int[] b, int[] labels) {
    int n = into[0].length;
    if (a.length != n || b.length != n || labels.length != n) {
      throw new IllegalArgumentException("these passes take batches of " + n + " pairs, found "
          + a.length + ", " + b.length + " and " + labels.length);
    }
    System.arraycopy(a, 0, into[0], 0, n);
    System.arraycopy(b, 0, into[1], 0, n);
    System.arraycopy(labels, 0, into[2], 0, n);
  }

  /** The passes with cross-entropy. */
  static TransformerBatchPasses of(TransformerLayout layout, int[] a, int[] b, int[] labels,
      INDArray params, INDArray gradient) {
    return of(layout, a, b, labels, params, gradient, new CrossEntropy());
  }

  /**
   * The passes for {@code layout}'s depth over the batch (a_i, b_i) with labels in [0, p), bound
   * to {@code params} and {@code gradient} (dense 1 × length vectors of one type, FLOAT or
   * DOUBLE) and to the loss.
   */
  static TransformerBatchPasses of(TransformerLayout layout, int[] a, int[] b, int[] labels,
      INDArray params, INDArray gradient, Loss loss) {
    return layout.shape().layers() == 1
        ? new TransformerPasses(layout, a, b, labels, params, gradient, loss)
        : new DeepTransformerPasses(layout, a, b, labels, params, gradient, loss);
  }
}
