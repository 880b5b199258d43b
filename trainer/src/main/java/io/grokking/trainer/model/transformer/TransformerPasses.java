package io.grokking.trainer.model.transformer;

import static io.grokking.trainer.model.transformer.TransformerParameter.B_IN;
import static io.grokking.trainer.model.transformer.TransformerParameter.B_OUT;
import static io.grokking.trainer.model.transformer.TransformerParameter.W_E;
import static io.grokking.trainer.model.transformer.TransformerParameter.W_IN;
import static io.grokking.trainer.model.transformer.TransformerParameter.W_K;
import static io.grokking.trainer.model.transformer.TransformerParameter.W_O;
import static io.grokking.trainer.model.transformer.TransformerParameter.W_OUT;
import static io.grokking.trainer.model.transformer.TransformerParameter.W_POS;
import static io.grokking.trainer.model.transformer.TransformerParameter.W_Q;
import static io.grokking.trainer.model.transformer.TransformerParameter.W_U;
import static io.grokking.trainer.model.transformer.TransformerParameter.W_V;

import io.grokking.trainer.loss.CrossEntropy;
import io.grokking.trainer.loss.Loss;
import io.grokking.trainer.model.TrainableModel;
import io.grokking.trainer.model.transformer.DenseMemory.View;
import io.grokking.trainer.numeric.Gemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Full-batch forward pass, mean loss (cross-entropy unless another {@link Loss} is given, over
 * all p + 1 logits at {@code =}) and exact gradient of the one-block transformer (Nanda et al.'s;
 * more blocks train through {@link DeepTransformerPasses}) for one fixed batch of
 * pairs, bound at construction to one flat parameter vector and one flat gradient
 * vector ({@link TransformerLayout}); every buffer is allocated here, none per step.
 *
 * <p>Only the {@code =} position is read out, and in one layer positions 0 and 1 reach it only
 * through their keys and values, so the pass computes position 2 alone and is still the full
 * causal model. Its residual r₂ = W_E[p] + W_pos[2] is the same for every pair, hence so are its
 * query, key and value. The keys and values of {@code a} and {@code b} are rows of per-step
 * tables over the p + 1 tokens, R·W with R the stack of W_E + W_pos[0], W_E + W_pos[1] and r₂
 * (2(p+1)+1 rows), and the attention scores of position 2 are tables too, so each pair costs a
 * three-way softmax and a weighted sum of three value rows per head. The gradient flows back the
 * same way: scatter-adds into the tables, then Rᵀ·dT into W_Q, W_K, W_V and dT·Wᵀ into R, which
 * sums into W_E and W_pos.
 *
 * <pre>
 * x = r₂ + z W_O,  h = relu(x W_in + b_in),  y = x + h W_out + b_out,  logits = y W_U
 * </pre>
 *
 * The products over the batch are OpenBLAS calls on the arrays in place ({@link Gemm}), biases
 * and column sums included as rank-1 products with a column of ones; the rest are Java loops.
 */
public final class TransformerPasses implements TransformerBatchPasses {
  private final TransformerShape shape;
  private final int n;
  private final int[] a;
  private final int[] b;
  private final int[] labels;
  private final int vocab;
  private final int d;
  private final int heads;
  private final int dHead;
  private final int hd;
  /** Rows of R and of the tables: tokens at position 0, tokens at position 1, then r₂. */
  private final int rows;
  /** Columns of the table T: Q, K, V blocks of heads · dHead each. */
  private final int tw;
  private final int last;
  private final double invSqrtHead;
  private final ReadoutLoss readout;
  private final DenseMemory memory = new DenseMemory();

  // Parameter and gradient views.
  private final View wE;
  private final View wPos;
  private final INDArray[][] w;
  private final INDArray wO;
  private final INDArray wIn;
  private final INDArray bIn;
  private final INDArray wOut;
  private final INDArray bOut;
  private final INDArray wU;
  private final View gE;
  private final View gPos;
  private final INDArray[][] g;
  private final INDArray gO;
  private final INDArray gIn;
  private final INDArray gBIn;
  private final INDArray gOut;
  private final INDArray gBOut;
  private final INDArray gU;

  // Off-heap buffers of the step.
  private final INDArray r;
  private final INDArray r2;
  private final INDArray t;
  private final INDArray[][] tBlocks;
  private final INDArray ones;
  private final INDArray onesRow;
  private final INDArray z;
  private final INDArray x;
  private final INDArray h;
  private final INDArray y;
  private final INDArray logits;
  private final INDArray dLogits;
  private final INDArray dY;
  private final INDArray dH;
  private final INDArray dX;
  private final INDArray dZ;
  private final INDArray dT;
  private final INDArray[][] dTBlocks;
  private final INDArray dR;
  private final INDArray dXSum;
  private final View rView;
  private final View r2View;
  private final View tView;
  private final View zView;
  private final View xView;
  private final View hView;
  private final View yView;
  private final View dYView;
  private final View dHView;
  private final View dXView;
  private final View logitView;
  private final View dLogitView;
  private final View dZView;
  private final View dTView;
  private final View dRView;
  private final View dXSumView;

  // Heap copies.
  private final double[] wEh;
  private final double[] wPosh;
  private final double[] rh;
  private final double[] r2h;
  private final double[] th;
  private final double[] s0;
  private final double[] s1;
  private final double[] s2;
  private final double[] alpha;
  private final double[] zh;
  private final double[] dzh;
  private final double[] dth;
  private final double[] dS0;
  private final double[] dS1;
  private final double[] dS2;
  private final double[] drh;
  private final double[] dxs;
  private final double[] gEh;
  private final double[] gPosh;

  /** The pass with cross-entropy. */
  public TransformerPasses(TransformerLayout layout, int[] a, int[] b, int[] labels,
      INDArray params, INDArray gradient) {
    this(layout, a, b, labels, params, gradient, new CrossEntropy());
  }

  /**
   * Binds the pass to the batch (a_i, b_i) with labels in [0, p), to {@code params} and
   * {@code gradient}, dense 1 × length vectors of one type (FLOAT or DOUBLE) in {@code layout},
   * and to the loss.
   */
  public TransformerPasses(TransformerLayout layout, int[] a, int[] b, int[] labels,
      INDArray params, INDArray gradient, Loss loss) {
    this.shape = layout.shape();
    if (shape.layers() != 1) {
      throw new IllegalArgumentException("these passes compute one block, found layers = "
          + shape.layers() + " (see TransformerBatchPasses.of)");
    }
    DataType type = ReadoutLoss.checkBatch(shape, a, b, labels, params, gradient);
    this.n = a.length;
    this.a = a.clone();
    this.b = b.clone();
    this.labels = labels.clone();
    this.vocab = shape.vocab();
    this.d = shape.dModel();
    this.heads = shape.heads();
    this.dHead = shape.dHead();
    this.hd = shape.headsWidth();
    this.rows = 2 * vocab + 1;
    this.tw = 3 * hd;
    this.last = 2 * vocab;
    this.invSqrtHead = 1 / Math.sqrt(dHead);
    this.readout = new ReadoutLoss(shape, this.labels, loss);
    int dMlp = shape.dMlp();
    TransformerParameter[] qkv = {W_Q, W_K, W_V};

    this.wE = View.of(layout.view(params, W_E));
    this.wPos = View.of(layout.view(params, W_POS));
    this.w = new INDArray[3][heads];
    this.g = new INDArray[3][heads];
    for (int m = 0; m < 3; m++) {
      for (int k = 0; k < heads; k++) {
        w[m][k] = layout.head(params, qkv[m], k);
        g[m][k] = layout.head(gradient, qkv[m], k);
      }
    }
    this.wO = layout.view(params, W_O);
    this.wIn = layout.view(params, W_IN);
    this.bIn = layout.view(params, B_IN);
    this.wOut = layout.view(params, W_OUT);
    this.bOut = layout.view(params, B_OUT);
    this.wU = layout.view(params, W_U);
    this.gE = View.of(layout.view(gradient, W_E));
    this.gPos = View.of(layout.view(gradient, W_POS));
    this.gO = layout.view(gradient, W_O);
    this.gIn = layout.view(gradient, W_IN);
    this.gBIn = layout.view(gradient, B_IN);
    this.gOut = layout.view(gradient, W_OUT);
    this.gBOut = layout.view(gradient, B_OUT);
    this.gU = layout.view(gradient, W_U);

    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      this.r = Nd4j.create(type, rows, d);
      this.r2 = Nd4j.create(type, 1, d);
      this.t = Nd4j.create(type, rows, tw);
      this.dT = Nd4j.create(type, rows, tw);
      this.tBlocks = new INDArray[3][heads];
      this.dTBlocks = new INDArray[3][heads];
      for (int m = 0; m < 3; m++) {
        for (int k = 0; k < heads; k++) {
          int from = m * hd + k * dHead;
          tBlocks[m][k] = t.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + dHead));
          dTBlocks[m][k] = dT.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + dHead));
        }
      }
      INDArray oneColumn = Nd4j.ones(type, n, 1);
      this.ones = oneColumn;
      this.onesRow = oneColumn.reshape('c', 1, n);
      this.z = Nd4j.create(type, n, hd);
      this.x = Nd4j.create(type, n, d);
      this.h = Nd4j.create(type, n, dMlp);
      this.y = Nd4j.create(type, n, d);
      this.logits = Nd4j.create(type, n, vocab);
      this.dLogits = Nd4j.create(type, n, vocab);
      this.dY = Nd4j.create(type, n, d);
      this.dH = Nd4j.create(type, n, dMlp);
      this.dX = Nd4j.create(type, n, d);
      this.dZ = Nd4j.create(type, n, hd);
      this.dR = Nd4j.create(type, rows, d);
      this.dXSum = Nd4j.create(type, 1, d);
    }
    this.rView = View.of(r);
    this.r2View = View.of(r2);
    this.tView = View.of(t);
    this.zView = View.of(z);
    this.xView = View.of(x);
    this.hView = View.of(h);
    this.yView = View.of(y);
    this.dYView = View.of(dY);
    this.dHView = View.of(dH);
    this.dXView = View.of(dX);
    this.logitView = View.of(logits);
    this.dLogitView = View.of(dLogits);
    this.dZView = View.of(dZ);
    this.dTView = View.of(dT);
    this.dRView = View.of(dR);
    this.dXSumView = View.of(dXSum);

    this.wEh = new double[vocab * d];
    this.wPosh = new double[TransformerShape.CONTEXT * d];
    this.rh = new double[rows * d];
    this.r2h = new double[d];
    this.th = new double[rows * tw];
    this.s0 = new double[vocab * heads];
    this.s1 = new double[vocab * heads];
    this.s2 = new double[heads];
    this.alpha = new double[n * heads * 3];
    this.zh = new double[n * hd];
    this.dzh = new double[n * hd];
    this.dth = new double[rows * tw];
    this.dS0 = new double[vocab * heads];
    this.dS1 = new double[vocab * heads];
    this.dS2 = new double[heads];
    this.drh = new double[rows * d];
    this.dxs = new double[d];
    this.gEh = new double[vocab * d];
    this.gPosh = new double[TransformerShape.CONTEXT * d];
  }

  public TransformerShape shape() {
    return shape;
  }

  /** Pairs in the batch. */
  public int size() {
    return n;
  }

  @Override
  public void select(int[] newA, int[] newB, int[] newLabels) {
    // readout holds this.labels itself, so it reads the new labels too
    TransformerBatchPasses.copy(new int[][] {a, b, labels}, newA, newB, newLabels);
  }

  /**
   * Logits at {@code =} (n × (p+1)) under the current parameters, in a buffer that the next
   * forward pass overwrites; also computes loss and accuracy and the state backward() needs.
   */
  @Override
  public INDArray forward() {
    embed();
    attend();
    Gemm.gemm(ones, false, r2, false, x);
    Gemm.gemm(z, false, wO, false, x, true);
    Gemm.gemm(ones, false, bIn, false, h);
    Gemm.gemm(x, false, wIn, false, h, true);
    memory.relu(hView);
    memory.copy(xView, yView);
    Gemm.gemm(ones, false, bOut, false, y, true);
    Gemm.gemm(h, false, wOut, false, y, true);
    Gemm.gemm(y, false, wU, false, logits);
    readout.apply(logitView, dLogitView);
    return logits;
  }

  /** The logits of the last forward pass. */
  @Override
  public INDArray logits() {
    return logits;
  }

  /** The MLP's activations at {@code =} (n × dMlp) of the last forward pass. */
  @Override
  public INDArray mlpActivations() {
    return h;
  }

  /** Mean loss over all p + 1 logits of the last forward pass. */
  @Override
  public double loss() {
    return readout.loss();
  }

  /** Share of pairs whose arg-max over the first p logits (the first maximum) is the label. */
  @Override
  public double accuracy() {
    return readout.correct() / (double) n;
  }

  /** The gradient of the mean loss at the last forward pass, overwriting the gradient vector. */
  @Override
  public void backward() {
    Gemm.gemm(y, true, dLogits, false, gU);
    Gemm.gemm(dLogits, false, wU, true, dY);
    Gemm.gemm(onesRow, false, dY, false, gBOut);
    Gemm.gemm(h, true, dY, false, gOut);
    Gemm.gemm(dY, false, wOut, true, dH);
    memory.mask(dHView, hView);
    Gemm.gemm(onesRow, false, dH, false, gBIn);
    Gemm.gemm(x, true, dH, false, gIn);
    memory.copy(dYView, dXView);
    Gemm.gemm(dH, false, wIn, true, dX, true);
    Gemm.gemm(z, true, dX, false, gO);
    Gemm.gemm(dX, false, wO, true, dZ);
    Gemm.gemm(onesRow, false, dX, false, dXSum);
    attendBackward();
    for (int m = 0; m < 3; m++) {
      for (int k = 0; k < heads; k++) {
        Gemm.gemm(r, true, dTBlocks[m][k], false, g[m][k]);
        Gemm.gemm(dTBlocks[m][k], false, w[m][k], true, dR, m > 0 || k > 0);
      }
    }
    unembed();
  }

  /** R: W_E + W_pos[0], W_E + W_pos[1], r₂; then the tables T = R · [W_Q | W_K | W_V]. */
  private void embed() {
    memory.read(wE, wEh);
    memory.read(wPos, wPosh);
    for (int tok = 0; tok < vocab; tok++) {
      for (int j = 0; j < d; j++) {
        double e = wEh[tok * d + j];
        rh[tok * d + j] = e + wPosh[j];
        rh[(vocab + tok) * d + j] = e + wPosh[d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      rh[last * d + j] = wEh[shape.equalsToken() * d + j] + wPosh[2 * d + j];
    }
    memory.write(rh, rView);
    System.arraycopy(rh, last * d, r2h, 0, d);
    memory.write(r2h, r2View);
    for (int m = 0; m < 3; m++) {
      for (int k = 0; k < heads; k++) {
        Gemm.gemm(r, false, w[m][k], false, tBlocks[m][k]);
      }
    }
    memory.read(tView, th);
  }

  /** Attention of position 2 over positions 0, 1, 2, every pair: α (n × heads × 3) and z. */
  private void attend() {
    int kq = hd;
    int kv = 2 * hd;
    for (int k = 0; k < heads; k++) {
      int q = last * tw + k * dHead;
      for (int tok = 0; tok < vocab; tok++) {
        s0[tok * heads + k] = invSqrtHead * dot(th, q, tok * tw + kq + k * dHead);
        s1[tok * heads + k] = invSqrtHead * dot(th, q, (vocab + tok) * tw + kq + k * dHead);
      }
      s2[k] = invSqrtHead * dot(th, q, last * tw + kq + k * dHead);
    }
    for (int i = 0; i < n; i++) {
      int ra = a[i] * tw + kv;
      int rb = (vocab + b[i]) * tw + kv;
      int rl = last * tw + kv;
      for (int k = 0; k < heads; k++) {
        double x0 = s0[a[i] * heads + k];
        double x1 = s1[b[i] * heads + k];
        double x2 = s2[k];
        double max = Math.max(x0, Math.max(x1, x2));
        double e0 = Math.exp(x0 - max);
        double e1 = Math.exp(x1 - max);
        double e2 = Math.exp(x2 - max);
        double sum = e0 + e1 + e2;
        double a0 = e0 / sum;
        double a1 = e1 / sum;
        double a2 = e2 / sum;
        int at = (i * heads + k) * 3;
        alpha[at] = a0;
        alpha[at + 1] = a1;
        alpha[at + 2] = a2;
        int zo = i * hd + k * dHead;
        int vo = k * dHead;
        for (int e = 0; e < dHead; e++) {
          zh[zo + e] = a0 * th[ra + vo + e] + a1 * th[rb + vo + e] + a2 * th[rl + vo + e];
        }
      }
    }
    memory.write(zh, zView);
  }

  private double dot(double[] v, int i, int j) {
    double s = 0;
    for (int e = 0; e < dHead; e++) {
      s += v[i + e] * v[j + e];
    }
    return s;
  }

  /** dz → dα → scores and values, scatter-added into the table gradient dT. */
  private void attendBackward() {
    memory.read(dZView, dzh);
    java.util.Arrays.fill(dth, 0);
    java.util.Arrays.fill(dS0, 0);
    java.util.Arrays.fill(dS1, 0);
    java.util.Arrays.fill(dS2, 0);
    int kq = hd;
    int kv = 2 * hd;
    for (int i = 0; i < n; i++) {
      int ra = a[i] * tw + kv;
      int rb = (vocab + b[i]) * tw + kv;
      int rl = last * tw + kv;
      for (int k = 0; k < heads; k++) {
        int zo = i * hd + k * dHead;
        int vo = k * dHead;
        double da0 = 0;
        double da1 = 0;
        double da2 = 0;
        for (int e = 0; e < dHead; e++) {
          double dz = dzh[zo + e];
          da0 += dz * th[ra + vo + e];
          da1 += dz * th[rb + vo + e];
          da2 += dz * th[rl + vo + e];
        }
        int at = (i * heads + k) * 3;
        double a0 = alpha[at];
        double a1 = alpha[at + 1];
        double a2 = alpha[at + 2];
        double mean = a0 * da0 + a1 * da1 + a2 * da2;
        dS0[a[i] * heads + k] += a0 * (da0 - mean);
        dS1[b[i] * heads + k] += a1 * (da1 - mean);
        dS2[k] += a2 * (da2 - mean);
        for (int e = 0; e < dHead; e++) {
          double dz = dzh[zo + e];
          dth[ra + vo + e] += a0 * dz;
          dth[rb + vo + e] += a1 * dz;
          dth[rl + vo + e] += a2 * dz;
        }
      }
    }
    // Scores s = q·k/√dHead: keys get ds·q/√dHead, the one query Σ ds·k/√dHead.
    for (int k = 0; k < heads; k++) {
      int q = last * tw + k * dHead;
      int dq = last * tw + k * dHead;
      for (int tok = 0; tok < vocab; tok++) {
        int k0 = tok * tw + kq + k * dHead;
        int k1 = (vocab + tok) * tw + kq + k * dHead;
        double c0 = invSqrtHead * dS0[tok * heads + k];
        double c1 = invSqrtHead * dS1[tok * heads + k];
        for (int e = 0; e < dHead; e++) {
          dth[k0 + e] = c0 * th[q + e];
          dth[k1 + e] = c1 * th[q + e];
          dth[dq + e] += c0 * th[k0 + e] + c1 * th[k1 + e];
        }
      }
      int k2 = last * tw + kq + k * dHead;
      double c2 = invSqrtHead * dS2[k];
      for (int e = 0; e < dHead; e++) {
        dth[dq + e] += c2 * th[k2 + e];
      }
      for (int e = 0; e < dHead; e++) {
        dth[k2 + e] = c2 * th[q + e];
      }
    }
    memory.write(dth, dTView);
  }

  /** dR, plus the residual path of r₂, summed into dW_E and dW_pos. */
  private void unembed() {
    memory.read(dRView, drh);
    memory.read(dXSumView, dxs);
    int p = shape.p();
    for (int j = 0; j < d; j++) {
      drh[last * d + j] += dxs[j];
    }
    java.util.Arrays.fill(gPosh, 0);
    for (int tok = 0; tok < vocab; tok++) {
      for (int j = 0; j < d; j++) {
        double g0 = drh[tok * d + j];
        double g1 = drh[(vocab + tok) * d + j];
        gEh[tok * d + j] = g0 + g1;
        gPosh[j] += g0;
        gPosh[d + j] += g1;
      }
    }
    for (int j = 0; j < d; j++) {
      gEh[p * d + j] += drh[last * d + j];
      gPosh[2 * d + j] = drh[last * d + j];
    }
    memory.write(gEh, gE);
    memory.write(gPosh, gPos);
  }
}
