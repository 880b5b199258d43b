package io.grokking.trainer.model.mlp;

import io.grokking.trainer.config.Activation;
import io.grokking.trainer.loss.Loss;
import io.grokking.trainer.numeric.OffHeap;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link ElementwisePasses} in float32; {@link DoublePasses} is the same code in float64. */
final class FloatPasses extends ElementwisePasses {
  private final FloatBuffer h;
  private final FloatBuffer g;
  private final FloatBuffer logits;
  private final FloatBuffer dLogits;
  private final FloatBuffer dH;
  /** W_in and its gradient as dense row-major inputs × width, on the Java heap. */
  private final float[] wRows;
  private final float[] dwRows;
  private final float[] rowA;
  private final float[] rowB;
  private final float[] rowL;
  private final double[] exps;
  /** One row of logits in float64 and its gradient, for {@link #otherLoss}. */
  private final double[] rowD;
  private final double[] gradD;

  FloatPasses(Batch batch, UniqueRows unique, int width, int classes, Activation activation,
      Loss loss, INDArray h, INDArray g, INDArray logits, INDArray dLogits, INDArray dH) {
    super(batch, unique, width, classes, activation, loss, h, g, logits, dLogits, dH);
    this.h = OffHeap.floats(h);
    this.g = relu ? null : OffHeap.floats(g);
    this.logits = OffHeap.floats(logits);
    this.dLogits = OffHeap.floats(dLogits);
    this.dH = OffHeap.floats(dH);
    this.wRows = new float[inputs * width];
    this.dwRows = new float[inputs * width];
    this.rowA = new float[width];
    this.rowB = new float[width];
    this.rowL = new float[classes];
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
    float[] w = wRows;
    float[] gi = rowA;
    float[] hi = rowB;
    for (int i = from; i < to; i++) {
      int a = first[i] * width;
      int b = second[i] * width;
      if (relu) {
        for (int j = 0; j < width; j++) {
          hi[j] = Math.max(w[a + j] + w[b + j], 0f);
        }
      } else {
        for (int j = 0; j < width; j++) {
          float x = w[a + j] + w[b + j];
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
    float[] l = rowL;
    double[] e = exps;
    for (int i = from; i < to; i++) {
      logits.get(i * classes, l, 0, classes);
      float max = l[0];
      int arg = 0;
      for (int j = 1; j < classes; j++) {
        if (l[j] > max) {
          max = l[j];
          arg = j;
        }
      }
      double sum = 0;
      for (int j = 0; j < classes; j++) {
        e[j] = Math.exp((double) l[j] - max);
        sum += e[j];
      }
      int y = labels[i];
      int w = weights[i];
      loss += w * (Math.log(sum) - ((double) l[y] - max));
      hits += arg == y ? w : 0;
      double scale = w * invN;
      for (int j = 0; j < classes; j++) {
        l[j] = (float) ((e[j] / sum - (j == y ? 1 : 0)) * scale);
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
    float[] l = rowL;
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
        l[j] = (float) (d[j] * scale);
      }
      dLogits.put(i * classes, l, 0, classes);
    }
    lossSum += loss;
    correct += hits;
  }

  @Override
  void expandLogits(INDArray full) {
    FloatBuffer out = OffHeap.floats(full);
    float[] l = rowL;
    for (int i = 0; i < n; i++) {
      logits.get(rowOf[i] * classes, l, 0, classes);
      out.put(i * classes, l, 0, classes);
    }
  }

  @Override
  void clearGradient() {
    Arrays.fill(dwRows, 0f);
  }

  @Override
  void scatter(int from, int to) {
    float[] acc = dwRows;
    float[] d = rowA;
    float[] mask = rowB;
    for (int i = from; i < to; i++) {
      dH.get((i - from) * width, d, 0, width);
      if (relu) {
        h.get(i * width, mask, 0, width);
        // relu'(G) without a branch on the sign, which is random and would mispredict half the
        // time (4x slower): h = max(G, +0) is +0 or positive, so its bit pattern is 0 or > 0, and
        // (bits | -bits) >> 31 is 0 or all ones.
        for (int j = 0; j < width; j++) {
          int hb = Float.floatToRawIntBits(mask[j]);
          d[j] = Float.intBitsToFloat(Float.floatToRawIntBits(d[j]) & ((hb | -hb) >> 31));
        }
      } else {
        g.get(i * width, mask, 0, width);
        for (int j = 0; j < width; j++) {
          d[j] = mask[j] * d[j] * 2f;
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
