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
 * Forward pass, loss and backward pass of the embedding MLP for one fixed batch of pairs (x, y),
 * into buffers allocated once. Their forward pass (Chughtai et al.'s {@code utils/models.py},
 * {@code OneLayerMLP.forward}) is {@code relu(hstack(W_x[x], W_y[y]) @ W) @ W_U}; with W split
 * into its upper half W₁ (rows that meet W_x) and lower half W₂, the pre-activation of pair i is
 *
 * <pre>
 * G_i = W_x[x_i] W₁ + W_y[y_i] W₂ = A[x_i] + B[y_i],   A = W_x W₁ (N × h),  B = W_y W₂
 * H = relu(G),  Z = H W_U,  loss = mean_i loss(Z_i, label_i),  dZ_i = ∂loss(Z_i)/∂Z_i / n
 * dW_U = Hᵀ dZ,  dH = dZ W_Uᵀ,  dG = dH ⊙ [G &gt; 0]
 * dA = Σ_i e_{x_i} dG_i (scatter-add),  dB = Σ_i e_{y_i} dG_i
 * dW₁ = W_xᵀ dA,  dW₂ = W_yᵀ dB,  dW_x = dA W₁ᵀ,  dW_y = dB W₂ᵀ
 * </pre>
 *
 * The same function and its exact gradient: the one-hot embedding is a row lookup, so the
 * products with W are taken once per vocabulary entry (N rows) instead of once per pair, and
 * every other product is one OpenBLAS call ({@link Gemm}) in the run's precision. The gather, the
 * ReLU, the loss and the scatter-add are row loops in float64 on the heap.
 */
final class EmbedMlpPasses implements TrainableModel.Passes {
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

  EmbedMlpPasses(EmbedMlpShape shape, int[] x, int[] y, int[] labels, INDArray params,
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

  /**
   * Replaces the batch in place with the pairs (x_i, y_i) labelled labels_i, as many as it holds,
   * keeping every buffer: how a minibatch's passes take the next batch.
   */
  void select(int[] newX, int[] newY, int[] newLabels) {
    if (newX.length != n || newY.length != n || newLabels.length != n) {
      throw new IllegalArgumentException("these passes take batches of " + n + " pairs, found "
          + newX.length + ", " + newY.length + " and " + newLabels.length);
    }
    System.arraycopy(newX, 0, x, 0, n);
    System.arraycopy(newY, 0, y, 0, n);
    System.arraycopy(newLabels, 0, labels, 0, n);
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
