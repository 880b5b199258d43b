package io.grokking.trainer.model.embedmlp;

import io.grokking.trainer.loss.Loss;
import io.grokking.trainer.model.TrainableModel;
import io.grokking.trainer.numeric.FlatVectors;
import io.grokking.trainer.numeric.Gemm;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The embedding MLP's passes as first written (merge of branch embed): every intermediate as a
 * whole matrix on the heap in float64, copied to and from ND4J element by element. {@link
 * EmbedMlpPasses} computes the same numbers row by row; {@code EmbedMlpPassesExactnessTest} holds
 * it to this version bit for bit.
 */
final class EmbedMlpReferencePasses implements TrainableModel.Passes {
  private final EmbedMlpShape shape;
  private final Loss loss;
  private final int[] x;
  private final int[] y;
  private final int[] labels;
  private final int n;

  private final INDArray wX;
  private final INDArray wY;
  private final INDArray w1;
  private final INDArray w2;
  private final INDArray wU;
  private final INDArray dWx;
  private final INDArray dWy;
  private final INDArray dW1;
  private final INDArray dW2;
  private final INDArray dWu;

  /** Off-heap buffers in the run's precision: A, B (N × h), H (n × h), Z, dZ (n × N), dH. */
  private final INDArray a;
  private final INDArray b;
  private final INDArray h;
  private final INDArray z;
  private final INDArray dZ;
  private final INDArray dH;
  private final INDArray dA;
  private final INDArray dB;

  /** Heap copies, row-major. */
  private final double[] aHeap;
  private final double[] bHeap;
  private final double[] gHeap;
  private final double[] hHeap;
  private final double[] zHeap;
  private final double[] dZHeap;
  private final double[] dAHeap;
  private final double[] dBHeap;
  private final double[] logitRow;
  private final double[] gradRow;

  private double lossSum;
  private int correct;

  EmbedMlpReferencePasses(EmbedMlpShape shape, int[] x, int[] y, int[] labels, INDArray params,
      INDArray gradient, Loss loss) {
    if (x.length != y.length || x.length != labels.length) {
      throw new IllegalArgumentException("x, y and labels must have one length, found "
          + x.length + ", " + y.length + ", " + labels.length);
    }
    this.shape = shape;
    this.loss = loss;
    this.x = x.clone();
    this.y = y.clone();
    this.labels = labels.clone();
    this.n = x.length;
    int vocab = shape.vocab();
    int hidden = shape.hidden();
    for (int i = 0; i < n; i++) {
      if (x[i] < 0 || x[i] >= vocab || y[i] < 0 || y[i] >= vocab || labels[i] < 0
          || labels[i] >= vocab) {
        throw new IllegalArgumentException("pair " + i + " (" + x[i] + ", " + y[i] + ") -> "
            + labels[i] + " lies outside 0.." + (vocab - 1));
      }
    }
    this.wX = shape.view(params, EmbedMlpShape.Matrix.W_X);
    this.wY = shape.view(params, EmbedMlpShape.Matrix.W_Y);
    this.w1 = shape.half(params, 0);
    this.w2 = shape.half(params, 1);
    this.wU = shape.view(params, EmbedMlpShape.Matrix.W_U);
    this.dWx = shape.view(gradient, EmbedMlpShape.Matrix.W_X);
    this.dWy = shape.view(gradient, EmbedMlpShape.Matrix.W_Y);
    this.dW1 = shape.half(gradient, 0);
    this.dW2 = shape.half(gradient, 1);
    this.dWu = shape.view(gradient, EmbedMlpShape.Matrix.W_U);
    DataType type = params.dataType();
    int rows = Math.max(n, 1);
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      this.a = Nd4j.create(type, vocab, hidden);
      this.b = Nd4j.create(type, vocab, hidden);
      this.dA = Nd4j.create(type, vocab, hidden);
      this.dB = Nd4j.create(type, vocab, hidden);
      this.h = Nd4j.create(type, rows, hidden);
      this.dH = Nd4j.create(type, rows, hidden);
      this.z = Nd4j.create(type, rows, vocab);
      this.dZ = Nd4j.create(type, rows, vocab);
    }
    this.aHeap = new double[vocab * hidden];
    this.bHeap = new double[vocab * hidden];
    this.dAHeap = new double[vocab * hidden];
    this.dBHeap = new double[vocab * hidden];
    this.gHeap = new double[rows * hidden];
    this.hHeap = new double[rows * hidden];
    this.zHeap = new double[rows * vocab];
    this.dZHeap = new double[rows * vocab];
    this.logitRow = new double[vocab];
    this.gradRow = new double[vocab];
  }

  @Override
  public INDArray forward() {
    int hidden = shape.hidden();
    Gemm.gemm(wX, false, w1, false, a);
    Gemm.gemm(wY, false, w2, false, b);
    FlatVectors.read(a, aHeap);
    FlatVectors.read(b, bHeap);
    for (int i = 0; i < n; i++) {
      int row = i * hidden;
      int ax = x[i] * hidden;
      int by = y[i] * hidden;
      for (int j = 0; j < hidden; j++) {
        double g = aHeap[ax + j] + bHeap[by + j];
        gHeap[row + j] = g;
        hHeap[row + j] = g > 0 ? g : 0;
      }
    }
    FlatVectors.write(hHeap, h);
    Gemm.gemm(h, false, wU, false, z);
    score();
    return z;
  }

  /** The loss, the hits and dZ of every row, from Z as the last product left it. */
  private void score() {
    int vocab = shape.vocab();
    FlatVectors.read(z, zHeap);
    double sum = 0;
    int hits = 0;
    for (int i = 0; i < n; i++) {
      System.arraycopy(zHeap, i * vocab, logitRow, 0, vocab);
      sum += loss.row(logitRow, labels[i], gradRow);
      int best = 0;
      for (int c = 1; c < vocab; c++) {
        if (logitRow[c] > logitRow[best]) {
          best = c;
        }
      }
      hits += best == labels[i] ? 1 : 0;
      for (int c = 0; c < vocab; c++) {
        dZHeap[i * vocab + c] = gradRow[c] / n;
      }
    }
    lossSum = sum;
    correct = hits;
  }

  @Override
  public INDArray logits() {
    return z;
  }

  @Override
  public double loss() {
    return n == 0 ? Double.NaN : lossSum / n;
  }

  @Override
  public double accuracy() {
    return n == 0 ? Double.NaN : (double) correct / n;
  }

  @Override
  public void backward() {
    int hidden = shape.hidden();
    FlatVectors.write(dZHeap, dZ);
    Gemm.gemm(h, true, dZ, false, dWu);
    Gemm.gemm(dZ, false, wU, true, dH);
    FlatVectors.read(dH, hHeap);  // H is on the device now: its heap copy holds dH
    Arrays.fill(dAHeap, 0);
    Arrays.fill(dBHeap, 0);
    for (int i = 0; i < n; i++) {
      int row = i * hidden;
      int ax = x[i] * hidden;
      int by = y[i] * hidden;
      for (int j = 0; j < hidden; j++) {
        double dg = gHeap[row + j] > 0 ? hHeap[row + j] : 0;
        dAHeap[ax + j] += dg;
        dBHeap[by + j] += dg;
      }
    }
    FlatVectors.write(dAHeap, dA);
    FlatVectors.write(dBHeap, dB);
    Gemm.gemm(wX, true, dA, false, dW1);
    Gemm.gemm(wY, true, dB, false, dW2);
    Gemm.gemm(dA, false, w1, true, dWx);
    Gemm.gemm(dB, false, w2, true, dWy);
  }
}
