package io.grokking.trainer.model.transformer;

import io.grokking.trainer.loss.CrossEntropy;
import io.grokking.trainer.loss.Loss;
import io.grokking.trainer.model.transformer.DenseMemory.View;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The loss, accuracy and logit gradient of a batch's logits at {@code =}, shared by the passes
 * of every depth: the mean of a row loss over the n pairs, its gradient dL = ∂ℓ/∂L / n, and the
 * share of pairs whose arg-max over the first p logits (the first maximum) is the label.
 * Cross-entropy over all p + 1 logits (as Nanda et al.'s code takes it) keeps a fused loop; any
 * other {@link Loss} goes through its row function.
 */
final class ReadoutLoss {
  private final int p;
  private final int vocab;
  private final int n;
  private final int[] labels;
  /** The loss when it is not cross-entropy; else null. */
  private final Loss other;
  private final double[] lh;
  private final double[] rowX;
  private final double[] rowGrad;
  private final DenseMemory memory = new DenseMemory();
  private double loss;
  private int correct;

  ReadoutLoss(TransformerShape shape, int[] labels, Loss loss) {
    this.p = shape.p();
    this.vocab = shape.vocab();
    this.n = labels.length;
    this.labels = labels;
    this.other = loss instanceof CrossEntropy ? null : loss;
    this.lh = new double[n * vocab];
    this.rowX = new double[vocab];
    this.rowGrad = new double[vocab];
  }

  /**
   * Checks the arguments every pass binds to: a batch (a_i, b_i) with labels, all in [0, p), of
   * one equal, non-zero length, and parameter and gradient vectors of one type, which it returns.
   */
  static DataType checkBatch(TransformerShape shape, int[] a, int[] b, int[] labels,
      INDArray params, INDArray gradient) {
    int p = shape.p();
    if (a.length != b.length || a.length != labels.length || a.length == 0) {
      throw new IllegalArgumentException("a, b and labels must have one equal, non-zero length, "
          + "found " + a.length + ", " + b.length + ", " + labels.length);
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i] < 0 || a[i] >= p || b[i] < 0 || b[i] >= p || labels[i] < 0 || labels[i] >= p) {
        throw new IllegalArgumentException("pair " + i + " must lie in [0, " + p + "), found a="
            + a[i] + " b=" + b[i] + " label=" + labels[i]);
      }
    }
    DataType type = params.dataType();
    if (gradient.dataType() != type) {
      throw new IllegalArgumentException("parameters and gradient must have one type, found "
          + type + " and " + gradient.dataType());
    }
    return type;
  }

  /** Reads the logits (n × (p+1)), takes loss and accuracy, writes dL into {@code dLogits}. */
  void apply(View logits, View dLogits) {
    memory.read(logits, lh);
    if (other == null) {
      softmaxCrossEntropy();
    } else {
      otherLoss();
    }
    memory.write(lh, dLogits);
  }

  double loss() {
    return loss;
  }

  int correct() {
    return correct;
  }

  /** loss = mean(logsumexp(L_i) − L_i,y_i); dL = (softmax(L) − Y) / n. */
  private void softmaxCrossEntropy() {
    double sumLoss = 0;
    int hits = 0;
    double invN = 1.0 / n;
    for (int i = 0; i < n; i++) {
      int o = i * vocab;
      double max = lh[o];
      for (int j = 1; j < vocab; j++) {
        max = Math.max(max, lh[o + j]);
      }
      if (argMax(o) == labels[i]) {
        hits++;
      }
      double sum = 0;
      for (int j = 0; j < vocab; j++) {
        sum += Math.exp(lh[o + j] - max);
      }
      double lse = max + Math.log(sum);
      sumLoss += lse - lh[o + labels[i]];
      for (int j = 0; j < vocab; j++) {
        lh[o + j] = Math.exp(lh[o + j] - lse) * invN;
      }
      lh[o + labels[i]] -= invN;
    }
    loss = sumLoss * invN;
    correct = hits;
  }

  /** {@link #softmaxCrossEntropy()} for any other loss: row loss ℓ(L_i, y_i), dL = ∂ℓ/∂L / n. */
  private void otherLoss() {
    double sumLoss = 0;
    int hits = 0;
    double invN = 1.0 / n;
    for (int i = 0; i < n; i++) {
      int o = i * vocab;
      if (argMax(o) == labels[i]) {
        hits++;
      }
      System.arraycopy(lh, o, rowX, 0, vocab);
      sumLoss += other.row(rowX, labels[i], rowGrad);
      for (int j = 0; j < vocab; j++) {
        lh[o + j] = rowGrad[j] * invN;
      }
    }
    loss = sumLoss * invN;
    correct = hits;
  }

  /** The first arg-max over the p residues of the row at {@code o}. */
  private int argMax(int o) {
    int arg = 0;
    for (int j = 1; j < p; j++) {
      if (lh[o + j] > lh[o + arg]) {
        arg = j;
      }
    }
    return arg;
  }
}
