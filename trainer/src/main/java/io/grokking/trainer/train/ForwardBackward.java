package io.grokking.trainer.train;

import io.grokking.trainer.config.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward pass, mean cross-entropy and backward pass of the two-layer network for one fixed batch,
 * into buffers allocated once. The loss goes through log-softmax, so it stays finite in float32
 * where a softmax would saturate (Prieto et al. 2025, Sec. 3).
 *
 * <pre>
 * G = X W_in,  H = act(G),  L = H W_out,  loss = −mean_i log softmax(L)_i,y_i
 * dL = (softmax(L) − Y) / n,  dW_out = Hᵀ dL,  dH = dL W_outᵀ,  dG = dH ⊙ act'(G),  dW_in = Xᵀ dG
 * </pre>
 */
final class ForwardBackward {
  private final Batch batch;
  private final Activation activation;
  private final INDArray g;
  private final INDArray h;
  private final INDArray logits;
  private final INDArray logProbs;
  private final INDArray probs;
  private final INDArray dH;
  private final INDArray dG;
  private final INDArray labelColumn;

  ForwardBackward(Batch batch, int width, int classes, Activation activation, DataType type) {
    this.batch = batch;
    this.activation = activation;
    int n = batch.size();
    this.g = Nd4j.create(type, n, width);
    this.h = Nd4j.create(type, n, width);
    this.logits = Nd4j.create(type, n, classes);
    this.logProbs = Nd4j.create(type, n, classes);
    this.probs = Nd4j.create(type, n, classes);
    this.dH = Nd4j.create(type, n, width);
    this.dG = Nd4j.create(type, n, width);
    int[] labels = batch.labels();
    double[] column = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      column[i] = labels[i];
    }
    this.labelColumn = Nd4j.createFromArray(column).castTo(DataType.LONG);
  }

  /** Logits of the batch under the given weights; also fills the buffers backward() reads. */
  INDArray forward(INDArray wIn, INDArray wOut) {
    Nd4j.gemm(batch.x(), wIn, g, false, false, 1.0, 0.0);
    if (activation == Activation.RELU) {
      Nd4j.getExecutioner().exec(new RectifiedLinear(g, h, 0.0));
    } else {
      Nd4j.getExecutioner().exec(new MulOp(g, g, h));
    }
    Nd4j.gemm(h, wOut, logits, false, false, 1.0, 0.0);
    Nd4j.getExecutioner().exec(new LogSoftMax(logits, logProbs));
    return logits;
  }

  /** Mean cross-entropy of the last forward pass. */
  double loss() {
    return -logProbs.mul(batch.y()).sumNumber().doubleValue() / batch.size();
  }

  /** Share of rows whose arg-max logit is the label. */
  double accuracy() {
    INDArray predicted = logits.argMax(1);
    return predicted.eq(labelColumn).castTo(DataType.DOUBLE).sumNumber().doubleValue()
        / batch.size();
  }

  /** Gradients of the mean loss into dWin and dWout (overwritten). */
  void backward(INDArray wOut, INDArray dWin, INDArray dWout) {
    int n = batch.size();
    Nd4j.getExecutioner().exec(new Exp(logProbs, probs));
    probs.subi(batch.y()).divi(n);
    Nd4j.gemm(h, probs, dWout, true, false, 1.0, 0.0);
    Nd4j.gemm(probs, wOut, dH, false, true, 1.0, 0.0);
    if (activation == Activation.RELU) {
      Nd4j.getExecutioner().exec(new RectifiedLinearDerivative(g, dH, dG));
    } else {
      Nd4j.getExecutioner().exec(new MulOp(g, dH, dG));
      dG.muli(2.0);
    }
    Nd4j.gemm(batch.x(), dG, dWin, true, false, 1.0, 0.0);
  }
}
