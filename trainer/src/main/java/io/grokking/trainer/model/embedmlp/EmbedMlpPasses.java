package io.grokking.trainer.model.embedmlp;

import io.grokking.trainer.loss.Loss;
import io.grokking.trainer.model.TrainableModel;
import io.grokking.trainer.numeric.Gemm;
import io.grokking.trainer.numeric.OffHeap;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
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
 * ReLU, the loss and the scatter-add are row loops in float64 on the heap, one pair's row at a
 * time, moved to and from the products' buffers by bulk row copies ({@link Rows}): the per-pair
 * matrices never exist on the heap, and the ReLU's mask is read back from H, since G &gt; 0
 * exactly where its rounding into H is (a sum of two floats that is positive is at least the
 * smallest subnormal). Neither ReLU pass branches on a sign. The numbers are those of the
 * whole-matrix passes this replaced, bit for bit ({@code EmbedMlpPassesExactnessTest}).
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
  private final Rows aRows;
  private final Rows bRows;
  private final Rows dARows;
  private final Rows dBRows;
  private final Rows hRows;
  private final Rows zRows;
  private final Rows dZRows;
  private final Rows dHRows;

  /** Heap copies of the N × h matrices, row-major, and one pair's rows. */
  private final double[] aHeap;
  private final double[] bHeap;
  private final double[] dAHeap;
  private final double[] dBHeap;
  private final boolean[] aFinite;
  private final boolean[] bFinite;
  private final double[] hiddenRow;
  private final double[] gradHiddenRow;
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
    this.aRows = Rows.of(a);
    this.bRows = Rows.of(b);
    this.dARows = Rows.of(dA);
    this.dBRows = Rows.of(dB);
    this.hRows = Rows.of(h);
    this.zRows = Rows.of(z);
    this.dZRows = Rows.of(dZ);
    this.dHRows = Rows.of(dH);
    this.aHeap = new double[vocab * hidden];
    this.bHeap = new double[vocab * hidden];
    this.dAHeap = new double[vocab * hidden];
    this.dBHeap = new double[vocab * hidden];
    this.aFinite = new boolean[vocab];
    this.bFinite = new boolean[vocab];
    this.hiddenRow = new double[hidden];
    this.gradHiddenRow = new double[hidden];
    this.logitRow = new double[vocab];
    this.gradRow = new double[vocab];
  }

  @Override
  public INDArray forward() {
    int hidden = shape.hidden();
    Gemm.gemm(wX, false, w1, false, a);
    Gemm.gemm(wY, false, w2, false, b);
    aRows.get(0, aHeap, aHeap.length);
    bRows.get(0, bHeap, bHeap.length);
    markFinite(aHeap, aFinite);
    markFinite(bHeap, bFinite);
    double[] row = hiddenRow;
    for (int i = 0; i < n; i++) {
      int ax = x[i] * hidden;
      int by = y[i] * hidden;
      if (aFinite[x[i]] && bFinite[y[i]]) {
        // max(g, +0) is g > 0 ? g : +0 wherever g is not NaN (max(-0, +0) = +0), and it has no
        // branch on the sign, which is random and mispredicts half the time (5x slower on G2)
        for (int j = 0; j < hidden; j++) {
          row[j] = Math.max(aHeap[ax + j] + bHeap[by + j], 0.0);
        }
      } else {  // an overflowed weight: inf - inf is NaN, which the ReLU maps to 0
        for (int j = 0; j < hidden; j++) {
          double g = aHeap[ax + j] + bHeap[by + j];
          row[j] = g > 0 ? g : 0;
        }
      }
      hRows.put(row, i * hidden, hidden);
    }
    Gemm.gemm(h, false, wU, false, z);
    score();
    return z;
  }

  /** Whether each row of an N × h heap matrix holds only finite values. */
  private void markFinite(double[] m, boolean[] finite) {
    int hidden = shape.hidden();
    for (int r = 0; r < finite.length; r++) {
      boolean ok = true;
      for (int j = r * hidden; j < (r + 1) * hidden; j++) {
        ok &= Double.isFinite(m[j]);
      }
      finite[r] = ok;
    }
  }

  /** The loss, the hits and dZ of every row, from Z as the last product left it. */
  private void score() {
    int vocab = shape.vocab();
    double sum = 0;
    int hits = 0;
    for (int i = 0; i < n; i++) {
      zRows.get(i * vocab, logitRow, vocab);
      sum += loss.row(logitRow, labels[i], gradRow);
      int best = 0;
      for (int c = 1; c < vocab; c++) {
        if (logitRow[c] > logitRow[best]) {
          best = c;
        }
      }
      hits += best == labels[i] ? 1 : 0;
      for (int c = 0; c < vocab; c++) {
        gradRow[c] = gradRow[c] / n;
      }
      dZRows.put(gradRow, i * vocab, vocab);
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
    Gemm.gemm(h, true, dZ, false, dWu);
    Gemm.gemm(dZ, false, wU, true, dH);
    Arrays.fill(dAHeap, 0);
    Arrays.fill(dBHeap, 0);
    double[] hi = hiddenRow;
    double[] dhi = gradHiddenRow;
    for (int i = 0; i < n; i++) {
      hRows.get(i * hidden, hi, hidden);
      dHRows.get(i * hidden, dhi, hidden);
      // relu'(G) dH without a branch on the sign: H = max(G, +0) is +0 or positive, so its bit
      // pattern is 0 or > 0, and (bits | -bits) >> 63 is 0 or all ones
      for (int j = 0; j < hidden; j++) {
        long hb = Double.doubleToRawLongBits(hi[j]);
        dhi[j] = Double.longBitsToDouble(Double.doubleToRawLongBits(dhi[j]) & ((hb | -hb) >> 63));
      }
      int ax = x[i] * hidden;
      for (int j = 0; j < hidden; j++) {
        dAHeap[ax + j] += dhi[j];
      }
      int by = y[i] * hidden;
      for (int j = 0; j < hidden; j++) {
        dBHeap[by + j] += dhi[j];
      }
    }
    dARows.put(dAHeap, 0, dAHeap.length);
    dBRows.put(dBHeap, 0, dBHeap.length);
    Gemm.gemm(wX, true, dA, false, dW1);
    Gemm.gemm(wY, true, dB, false, dW2);
    Gemm.gemm(dA, false, w1, true, dWx);
    Gemm.gemm(dB, false, w2, true, dWy);
  }

  /**
   * Runs of a dense row-major matrix's elements in float32 or float64, read into and written
   * from a heap {@code double[]} by one bulk copy each (element-wise {@code get(i)} on a direct
   * buffer costs about twice as much, {@link io.grokking.trainer.numeric.OffHeap}); float32
   * values widen exactly and are written back rounded, as {@code FlatVectors} does.
   */
  private abstract static class Rows {
    static Rows of(INDArray m) {
      if (!OffHeap.denseRowMajor(m)) {
        throw new IllegalArgumentException("expected a dense row-major matrix, found strides "
            + Arrays.toString(m.stride()));
      }
      return m.dataType() == DataType.FLOAT ? new Floats(OffHeap.floats(m))
          : new Doubles(OffHeap.doubles(m));
    }

    /** Elements {@code from .. from + length - 1} into {@code out[0 .. length - 1]}. */
    abstract void get(int from, double[] out, int length);

    /** {@code in[0 .. length - 1]} into elements {@code at .. at + length - 1}. */
    abstract void put(double[] in, int at, int length);
  }

  private static final class Doubles extends Rows {
    private final DoubleBuffer buf;

    Doubles(DoubleBuffer buf) {
      this.buf = buf;
    }

    @Override
    void get(int from, double[] out, int length) {
      buf.get(from, out, 0, length);
    }

    @Override
    void put(double[] in, int at, int length) {
      buf.put(at, in, 0, length);
    }
  }

  private static final class Floats extends Rows {
    private final FloatBuffer buf;
    private float[] scratch = new float[0];

    Floats(FloatBuffer buf) {
      this.buf = buf;
    }

    private float[] scratch(int length) {
      if (scratch.length < length) {
        scratch = new float[length];
      }
      return scratch;
    }

    @Override
    void get(int from, double[] out, int length) {
      float[] f = scratch(length);
      buf.get(from, f, 0, length);
      for (int j = 0; j < length; j++) {
        out[j] = f[j];
      }
    }

    @Override
    void put(double[] in, int at, int length) {
      float[] f = scratch(length);
      for (int j = 0; j < length; j++) {
        f[j] = (float) in[j];
      }
      buf.put(at, f, 0, length);
    }
  }
}
