package io.grokking.trainer.model.mlp;

import io.grokking.trainer.config.Activation;
import io.grokking.trainer.loss.Loss;
import io.grokking.trainer.numeric.OffHeap;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link ElementwisePasses} in float64; {@link FloatPasses} is the same code in float32. */
final class DoublePasses extends ElementwisePasses {
  private final DoubleBuffer h;
  private final DoubleBuffer g;
  private final DoubleBuffer logits;
  private final DoubleBuffer dLogits;
  private final DoubleBuffer dH;
  /** W_in and its gradient as dense row-major inputs × width, on the Java heap. */
  private final double[] wRows;
  private final double[] dwRows;
  private final double[] rowA;
  private final double[] rowB;
  private final double[] rowL;
  private final double[] exps;
  /** One row of logits in float64 and its gradient, for {@link #otherLoss}. */
  private final double[] rowD;
  private final double[] gradD;

  DoublePasses(Batch batch, UniqueRows unique, int width, int classes, Activation activation,
      Loss loss, INDArray h, INDArray g, INDArray logits, INDArray dLogits, INDArray dH) {
    super(batch, unique, width, classes, activation, loss, h, g, logits, dLogits, dH);
    this.h = OffHeap.doubles(h);
    this.g = relu ? null : OffHeap.doubles(g);
    this.logits = OffHeap.doubles(logits);
    this.dLogits = OffHeap.doubles(dLogits);
    this.dH = OffHeap.doubles(dH);
    this.wRows = new double[inputs * width];
    this.dwRows = new double[inputs * width];
    this.rowA = new double[width];
    this.rowB = new double[width];
    this.rowL = new double[classes];
    this.exps = new double[classes];
    this.rowD = new double[classes];
    this.gradD = new double[classes];
  }

  @Override
  void loadWeights(INDArray wIn) {
    checkInputs(wIn);
    OffHeap.read(wIn, wRows);
  }

  @Override
  void gather(int from, int to) {
    double[] w = wRows;
    double[] gi = rowA;
    double[] hi = rowB;
    for (int i = from; i < to; i++) {
      int a = first[i] * width;
      int b = second[i] * width;
      if (relu) {
        for (int j = 0; j < width; j++) {
          hi[j] = Math.max(w[a + j] + w[b + j], 0.0);
        }
      } else {
        for (int j = 0; j < width; j++) {
          double x = w[a + j] + w[b + j];
          gi[j] = x;
          hi[j] = x * x;
        }
        g.put(i * width, gi, 0, width);
      }
      h.put(i * width, hi, 0, width);
    }
  }

  @Override
  void softmaxCrossEntropy(int from, int to) {
    double loss = 0;
    int hits = 0;
    double invN = 1.0 / n;
    double[] l = rowL;
    double[] e = exps;
    for (int i = from; i < to; i++) {
      logits.get(i * classes, l, 0, classes);
      double max = l[0];
      int arg = 0;
      for (int j = 1; j < classes; j++) {
        if (l[j] > max) {
          max = l[j];
          arg = j;
        }
      }
      double sum = 0;
      for (int j = 0; j < classes; j++) {
        e[j] = Math.exp(l[j] - max);
        sum += e[j];
      }
      int y = labels[i];
      int w = weights[i];
      loss += w * (Math.log(sum) - (l[y] - max));
      hits += arg == y ? w : 0;
      double scale = w * invN;
      for (int j = 0; j < classes; j++) {
        l[j] = (e[j] / sum - (j == y ? 1 : 0)) * scale;
      }
      dLogits.put(i * classes, l, 0, classes);
    }
    lossSum += loss;
    correct += hits;
  }

  @Override
  void otherLoss(int from, int to) {
    double loss = 0;
    int hits = 0;
    double invN = 1.0 / n;
    double[] l = rowL;
    double[] x = rowD;
    double[] d = gradD;
    for (int i = from; i < to; i++) {
      logits.get(i * classes, l, 0, classes);
      int arg = 0;
      for (int j = 0; j < classes; j++) {
        x[j] = l[j];
        if (l[j] > l[arg]) {
          arg = j;
        }
      }
      int y = labels[i];
      int w = weights[i];
      loss += w * other.row(x, y, d);
      hits += arg == y ? w : 0;
      double scale = w * invN;
      for (int j = 0; j < classes; j++) {
        l[j] = (d[j] * scale);
      }
      dLogits.put(i * classes, l, 0, classes);
    }
    lossSum += loss;
    correct += hits;
  }

  @Override
  void expandLogits(INDArray full) {
    DoubleBuffer out = OffHeap.doubles(full);
    double[] l = rowL;
    for (int i = 0; i < n; i++) {
      logits.get(rowOf[i] * classes, l, 0, classes);
      out.put(i * classes, l, 0, classes);
    }
  }

  @Override
  void clearGradient() {
    Arrays.fill(dwRows, 0.0);
  }

  @Override
  void scatter(int from, int to) {
    double[] acc = dwRows;
    double[] d = rowA;
    double[] mask = rowB;
    for (int i = from; i < to; i++) {
      dH.get((i - from) * width, d, 0, width);
      if (relu) {
        h.get(i * width, mask, 0, width);
        // relu'(G) without a branch on the sign, which is random and would mispredict half the
        // time (4x slower): h = max(G, +0) is +0 or positive, so its bit pattern is 0 or > 0, and
        // (bits | -bits) >> 63 is 0 or all ones.
        for (int j = 0; j < width; j++) {
          long hb = Double.doubleToRawLongBits(mask[j]);
          d[j] = Double.longBitsToDouble(Double.doubleToRawLongBits(d[j]) & ((hb | -hb) >> 63));
        }
      } else {
        g.get(i * width, mask, 0, width);
        for (int j = 0; j < width; j++) {
          d[j] = mask[j] * d[j] * 2.0;
        }
      }
      // Two loops, not one: first_i = second_i (a = b) would alias the two updates.
      int a = first[i] * width;
      for (int j = 0; j < width; j++) {
        acc[a + j] += d[j];
      }
      int b = second[i] * width;
      for (int j = 0; j < width; j++) {
        acc[b + j] += d[j];
      }
    }
  }

  @Override
  void storeGradient(INDArray dWin) {
    checkInputs(dWin);
    OffHeap.write(dwRows, dWin);
  }
}
