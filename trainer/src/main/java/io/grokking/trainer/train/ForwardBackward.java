package io.grokking.trainer.train;

import io.grokking.trainer.config.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward pass, mean cross-entropy and backward pass of the two-layer network for one fixed batch,
 * into buffers allocated once. The loss goes through log-sum-exp, so it stays finite in float32
 * where a softmax would saturate (Prieto et al. 2025, Sec. 3).
 *
 * <pre>
 * G = X W_in,  H = act(G),  L = H W_out,  loss = −mean_i log softmax(L)_i,y_i
 * dL = (softmax(L) − Y) / n,  dW_out = Hᵀ dL,  dH = dL W_outᵀ,  dG = dH ⊙ act'(G),  dW_in = Xᵀ dG
 * </pre>
 *
 * X has two ones per row, so X W_in is a gather of two rows of W_in and Xᵀ dG a scatter-add
 * ({@link ElementwisePasses}); the three remaining products are single OpenBLAS calls on the
 * arrays in place ({@link Gemm}). Nothing is allocated per step.
 */
final class ForwardBackward {
  private final int n;
  private final INDArray h;
  private final INDArray logits;
  private final INDArray dLogits;
  private final INDArray dH;
  private final ElementwisePasses passes;

  ForwardBackward(Batch batch, int width, int classes, Activation activation, DataType type) {
    this.n = batch.size();
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      this.h = Nd4j.create(type, n, width);
      INDArray g = activation == Activation.RELU ? null : Nd4j.create(type, n, width);
      this.logits = Nd4j.create(type, n, classes);
      this.dLogits = Nd4j.create(type, n, classes);
      this.dH = Nd4j.create(type, n, width);
      this.passes = ElementwisePasses.create(type, batch, width, classes, activation, h, g, logits,
          dLogits, dH);
    }
  }

  /** Logits of the batch under the given weights; also fills the buffers backward() reads. */
  INDArray forward(INDArray wIn, INDArray wOut) {
    passes.gather(wIn);
    Gemm.gemm(h, false, wOut, false, logits);
    passes.softmaxCrossEntropy();
    return logits;
  }

  /** Mean cross-entropy of the last forward pass. */
  double loss() {
    return passes.lossSum / n;
  }

  /** Share of rows whose arg-max logit is the label. */
  double accuracy() {
    return passes.correct / (double) n;
  }

  /** Gradients of the mean loss at the last forward pass into dWin and dWout (overwritten). */
  void backward(INDArray wOut, INDArray dWin, INDArray dWout) {
    Gemm.gemm(h, true, dLogits, false, dWout);
    Gemm.gemm(dLogits, false, wOut, true, dH);
    passes.scatter(dWin);
  }
}
