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

import io.grokking.trainer.loss.Loss;
import io.grokking.trainer.model.transformer.DenseMemory.View;
import io.grokking.trainer.numeric.Gemm;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Full-batch forward pass, mean loss and exact gradient of the transformer with any number of
 * blocks ({@code model.layers}; Nanda et al. 2023's {@code transformers.py} stacks
 * {@code num_layers} of them, Power et al. 2022 train two), for one fixed batch of pairs, bound
 * at construction to one flat parameter vector and one flat gradient vector ({@link
 * TransformerLayout}); every buffer is allocated here, none per step.
 *
 * <p>With more than one block, positions {@code a} and {@code b} carry per-pair residuals into
 * the next block, so the one-block shortcut of {@link TransformerPasses} (tables over tokens)
 * does not apply: every block computes all three positions of every pair, rows t·n + i of one
 * 3n × d residual matrix, except the last, whose output only the {@code =} position is read
 * from: it attends from position 2 alone and runs its MLP on n rows. Each block is
 *
 * <pre>
 * m = x + z W_O   (z: causal attention of every position over positions ≤ it, per head)
 * x' = m + relu(m W_in + b_in) W_out + b_out
 * </pre>
 *
 * and logits = x_L[=] W_U. The products are OpenBLAS calls on the arrays in place ({@link Gemm});
 * the three-way causal softmax and its backward are Java loops over heap copies.
 */
public final class DeepTransformerPasses implements TransformerBatchPasses {
  /** Where query position t's weights start among a head's 1 + 2 + 3 attention weights. */
  private static final int[] ALPHA_AT = {0, 1, 3};
  private static final int ALPHAS = 6;
  /** The query position the last block starts from: {@code =}. */
  private static final int LAST_QUERY = TransformerShape.READOUT;

  private final TransformerShape shape;
  private final int n;
  private final int layers;
  private final int[] a;
  private final int[] b;
  private final int[] labels;
  private final int vocab;
  private final int d;
  private final int heads;
  private final int dHead;
  private final int hd;
  /** Columns of the tables T: Q, K, V blocks of heads · dHead each. */
  private final int tw;
  private final double invSqrtHead;
  private final ReadoutLoss readout;
  private final DenseMemory memory = new DenseMemory();

  // Parameter and gradient views; per block [block], heads [block][Q, K, V][head].
  private final View wE;
  private final View wPos;
  private final INDArray wU;
  private final View gE;
  private final View gPos;
  private final INDArray gU;
  private final INDArray[][][] w;
  private final INDArray[][][] g;
  private final INDArray[] wO;
  private final INDArray[] wIn;
  private final INDArray[] bIn;
  private final INDArray[] wOut;
  private final INDArray[] bOut;
  private final INDArray[] gO;
  private final INDArray[] gIn;
  private final INDArray[] gBIn;
  private final INDArray[] gOut;
  private final INDArray[] gBOut;

  // Forward buffers per block: x[l] is block l's input (3n rows), x[layers] the last output (n).
  private final INDArray[] x;
  private final View[] xView;
  /** The rows of x[l] that block l's output keeps: all of them, or = in the last block. */
  private final View[] xKept;
  private final INDArray[] t;
  private final View[] tView;
  private final INDArray[][][] tBlocks;
  private final double[][] alpha;
  private final INDArray[] z;
  private final View[] zView;
  private final INDArray[] mid;
  private final View[] midView;
  private final INDArray[] h;
  private final View[] hView;
  private final INDArray logits;
  private final View logitView;

  // Backward buffers: one set for the inner blocks' 3n rows, one for the last block's n.
  private final Rows inner;
  private final Rows last;
  private final INDArray dLogits;
  private final View dLogitView;
  /** d loss / d x[layers], n × d. */
  private final INDArray dTop;
  private final View dTopView;
  /** d loss / d x[l] for l even and odd, 3n × d each. */
  private final INDArray[] dX;
  private final View[] dXView;
  /** The rows of dX[l % 2] that block l's residual reaches (as {@link #xKept}). */
  private final View[] dXKept;
  private final INDArray dT;
  private final View dTView;
  private final INDArray[][] dTBlocks;

  // Heap copies.
  private final double[] wEh;
  private final double[] wPosh;
  private final double[] xh;
  private final double[] th;
  private final double[] dth;
  private final double[] zh;
  private final double[] dzh;
  private final double[] gEh;
  private final double[] gPosh;
  private final double[] score = new double[TransformerShape.CONTEXT];

  /** The buffers of a block's output rows: ones for the biases, the MLP's and the attention's. */
  private static final class Rows {
    final INDArray ones;
    final INDArray onesRow;
    final INDArray dMid;
    final View dMidView;
    final INDArray dH;
    final View dHView;
    final INDArray dZ;
    final View dZView;

    Rows(DataType type, int rows, int d, int dMlp, int hd) {
      this.ones = Nd4j.ones(type, rows, 1);
      this.onesRow = ones.reshape('c', 1, rows);
      this.dMid = Nd4j.create(type, rows, d);
      this.dH = Nd4j.create(type, rows, dMlp);
      this.dZ = Nd4j.create(type, rows, hd);
      this.dMidView = View.of(dMid);
      this.dHView = View.of(dH);
      this.dZView = View.of(dZ);
    }
  }

  /**
   * Binds the passes to the batch (a_i, b_i) with labels in [0, p), to {@code params} and
   * {@code gradient}, dense 1 × length vectors of one type (FLOAT or DOUBLE) in {@code layout},
   * and to the loss. Any number of blocks, one included.
   */
  public DeepTransformerPasses(TransformerLayout layout, int[] a, int[] b, int[] labels,
      INDArray params, INDArray gradient, Loss loss) {
    this.shape = layout.shape();
    DataType type = ReadoutLoss.checkBatch(shape, a, b, labels, params, gradient);
    this.n = a.length;
    this.layers = shape.layers();
    this.a = a.clone();
    this.b = b.clone();
    this.vocab = shape.vocab();
    this.d = shape.dModel();
    this.heads = shape.heads();
    this.dHead = shape.dHead();
    this.hd = shape.headsWidth();
    this.tw = 3 * hd;
    this.invSqrtHead = 1 / Math.sqrt(dHead);
    this.labels = labels.clone();
    this.readout = new ReadoutLoss(shape, this.labels, loss);
    int dMlp = shape.dMlp();
    int rows = TransformerShape.CONTEXT * n;

    this.wE = View.of(layout.view(params, W_E));
    this.wPos = View.of(layout.view(params, W_POS));
    this.wU = layout.view(params, W_U);
    this.gE = View.of(layout.view(gradient, W_E));
    this.gPos = View.of(layout.view(gradient, W_POS));
    this.gU = layout.view(gradient, W_U);
    this.w = heads(layout, params);
    this.g = heads(layout, gradient);
    this.wO = perBlock(layout, params, W_O);
    this.wIn = perBlock(layout, params, W_IN);
    this.bIn = perBlock(layout, params, B_IN);
    this.wOut = perBlock(layout, params, W_OUT);
    this.bOut = perBlock(layout, params, B_OUT);
    this.gO = perBlock(layout, gradient, W_O);
    this.gIn = perBlock(layout, gradient, W_IN);
    this.gBIn = perBlock(layout, gradient, B_IN);
    this.gOut = perBlock(layout, gradient, W_OUT);
    this.gBOut = perBlock(layout, gradient, B_OUT);

    this.x = new INDArray[layers + 1];
    this.xView = new View[layers + 1];
    this.xKept = new View[layers];
    this.t = new INDArray[layers];
    this.tView = new View[layers];
    this.tBlocks = new INDArray[layers][][];
    this.alpha = new double[layers][n * heads * ALPHAS];
    this.z = new INDArray[layers];
    this.zView = new View[layers];
    this.mid = new INDArray[layers];
    this.midView = new View[layers];
    this.h = new INDArray[layers];
    this.hView = new View[layers];
    this.dX = new INDArray[2];
    this.dXView = new View[2];
    this.dXKept = new View[layers];
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      for (int l = 0; l <= layers; l++) {
        x[l] = Nd4j.create(type, l == layers ? n : rows, d);
        xView[l] = View.of(x[l]);
      }
      for (int l = 0; l < layers; l++) {
        int out = outputRows(l);
        xKept[l] = View.of(lastRows(x[l], out));
        t[l] = Nd4j.create(type, rows, tw);
        tView[l] = View.of(t[l]);
        tBlocks[l] = columnBlocks(t[l]);
        z[l] = Nd4j.create(type, out, hd);
        zView[l] = View.of(z[l]);
        mid[l] = Nd4j.create(type, out, d);
        midView[l] = View.of(mid[l]);
        h[l] = Nd4j.create(type, out, dMlp);
        hView[l] = View.of(h[l]);
      }
      this.logits = Nd4j.create(type, n, vocab);
      this.dLogits = Nd4j.create(type, n, vocab);
      this.inner = new Rows(type, rows, d, dMlp, hd);
      this.last = new Rows(type, n, d, dMlp, hd);
      this.dTop = Nd4j.create(type, n, d);
      for (int e = 0; e < 2; e++) {
        dX[e] = Nd4j.create(type, rows, d);
        dXView[e] = View.of(dX[e]);
      }
      for (int l = 0; l < layers; l++) {
        dXKept[l] = View.of(lastRows(dX[l % 2], outputRows(l)));
      }
      this.dT = Nd4j.create(type, rows, tw);
      this.dTBlocks = columnBlocks(dT);
    }
    this.logitView = View.of(logits);
    this.dLogitView = View.of(dLogits);
    this.dTopView = View.of(dTop);
    this.dTView = View.of(dT);

    this.wEh = new double[vocab * d];
    this.wPosh = new double[TransformerShape.CONTEXT * d];
    this.xh = new double[rows * d];
    this.th = new double[rows * tw];
    this.dth = new double[rows * tw];
    this.zh = new double[rows * hd];
    this.dzh = new double[rows * hd];
    this.gEh = new double[vocab * d];
    this.gPosh = new double[TransformerShape.CONTEXT * d];
  }

  /** Every block's heads of W_Q, W_K and W_V in {@code flat}: [block][Q, K, V][head]. */
  private INDArray[][][] heads(TransformerLayout layout, INDArray flat) {
    TransformerParameter[] qkv = {W_Q, W_K, W_V};
    INDArray[][][] views = new INDArray[layers][3][heads];
    for (int l = 0; l < layers; l++) {
      for (int m = 0; m < 3; m++) {
        for (int k = 0; k < heads; k++) {
          views[l][m][k] = layout.head(flat, qkv[m], k, l);
        }
      }
    }
    return views;
  }

  /** {@code param} of every block in {@code flat}. */
  private INDArray[] perBlock(TransformerLayout layout, INDArray flat, TransformerParameter param) {
    INDArray[] views = new INDArray[layers];
    for (int l = 0; l < layers; l++) {
      views[l] = layout.view(flat, param, l);
    }
    return views;
  }

  /** The Q, K and V column blocks of each head of a table (rows × 3·heads·dHead). */
  private INDArray[][] columnBlocks(INDArray table) {
    INDArray[][] blocks = new INDArray[3][heads];
    for (int m = 0; m < 3; m++) {
      for (int k = 0; k < heads; k++) {
        int from = m * hd + k * dHead;
        blocks[m][k] = table.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + dHead));
      }
    }
    return blocks;
  }

  /** The first query position whose output block l keeps: 0, or = in the last block. */
  private int firstQuery(int l) {
    return l == layers - 1 ? LAST_QUERY : 0;
  }

  /** Rows of block l's output: 3n, or n in the last block. */
  private int outputRows(int l) {
    return (TransformerShape.CONTEXT - firstQuery(l)) * n;
  }

  /** The last {@code count} rows of a dense row-major matrix, as a view. */
  private static INDArray lastRows(INDArray m, int count) {
    long cols = m.columns();
    return Nd4j.create(m.data(), new long[] {count, cols}, new long[] {cols, 1},
        m.offset() + (m.rows() - count) * cols, 'c', m.dataType());
  }

  @Override
  public INDArray forward() {
    embed();
    for (int l = 0; l < layers; l++) {
      block(l);
    }
    Gemm.gemm(x[layers], false, wU, false, logits);
    readout.apply(logitView, dLogitView);
    return logits;
  }

  @Override
  public INDArray logits() {
    return logits;
  }

  @Override
  public void select(int[] newA, int[] newB, int[] newLabels) {
    // readout holds this.labels itself, so it reads the new labels too
    TransformerBatchPasses.copy(new int[][] {a, b, labels}, newA, newB, newLabels);
  }

  @Override
  public INDArray mlpActivations() {
    return h[layers - 1];
  }

  @Override
  public double loss() {
    return readout.loss();
  }

  @Override
  public double accuracy() {
    return readout.correct() / (double) n;
  }

  @Override
  public void backward() {
    Gemm.gemm(x[layers], true, dLogits, false, gU);
    Gemm.gemm(dLogits, false, wU, true, dTop);
    for (int l = layers - 1; l >= 0; l--) {
      Rows r = l == layers - 1 ? last : inner;
      INDArray dOut = l == layers - 1 ? dTop : dX[(l + 1) % 2];
      View dOutView = l == layers - 1 ? dTopView : dXView[(l + 1) % 2];
      Gemm.gemm(r.onesRow, false, dOut, false, gBOut[l]);
      Gemm.gemm(h[l], true, dOut, false, gOut[l]);
      Gemm.gemm(dOut, false, wOut[l], true, r.dH);
      memory.mask(r.dHView, hView[l]);
      Gemm.gemm(r.onesRow, false, r.dH, false, gBIn[l]);
      Gemm.gemm(mid[l], true, r.dH, false, gIn[l]);
      memory.copy(dOutView, r.dMidView);
      Gemm.gemm(r.dH, false, wIn[l], true, r.dMid, true);
      Gemm.gemm(z[l], true, r.dMid, false, gO[l]);
      Gemm.gemm(r.dMid, false, wO[l], true, r.dZ);
      memory.read(r.dZView, dzh);
      memory.read(tView[l], th);
      attendBackward(l);
      memory.write(dth, dTView);
      INDArray dIn = dX[l % 2];
      for (int m = 0; m < 3; m++) {
        for (int k = 0; k < heads; k++) {
          Gemm.gemm(x[l], true, dTBlocks[m][k], false, g[l][m][k]);
          Gemm.gemm(dTBlocks[m][k], false, w[l][m][k], true, dIn, m > 0 || k > 0);
        }
      }
      memory.add(r.dMidView, dXKept[l]);
    }
    unembed();
  }

  /** x[0], row t·n + i: W_E[token t of pair i] + W_pos[t]. */
  private void embed() {
    memory.read(wE, wEh);
    memory.read(wPos, wPosh);
    for (int pos = 0; pos < TransformerShape.CONTEXT; pos++) {
      for (int i = 0; i < n; i++) {
        int row = (pos * n + i) * d;
        int tok = token(pos, i) * d;
        for (int j = 0; j < d; j++) {
          xh[row + j] = wEh[tok + j] + wPosh[pos * d + j];
        }
      }
    }
    memory.write(xh, xView[0]);
  }

  private int token(int pos, int i) {
    return pos == 0 ? a[i] : pos == 1 ? b[i] : shape.equalsToken();
  }

  /** Block l: the tables T = x · [W_Q | W_K | W_V], attention, residual, MLP, residual. */
  private void block(int l) {
    Rows r = l == layers - 1 ? last : inner;
    for (int m = 0; m < 3; m++) {
      for (int k = 0; k < heads; k++) {
        Gemm.gemm(x[l], false, w[l][m][k], false, tBlocks[l][m][k]);
      }
    }
    memory.read(tView[l], th);
    attend(l);
    memory.write(zh, zView[l]);
    memory.copy(xKept[l], midView[l]);
    Gemm.gemm(z[l], false, wO[l], false, mid[l], true);
    Gemm.gemm(r.ones, false, bIn[l], false, h[l]);
    Gemm.gemm(mid[l], false, wIn[l], false, h[l], true);
    memory.relu(hView[l]);
    memory.copy(midView[l], xView[l + 1]);
    Gemm.gemm(r.ones, false, bOut[l], false, x[l + 1], true);
    Gemm.gemm(h[l], false, wOut[l], false, x[l + 1], true);
  }

  /**
   * Causal attention of block l, every pair and head: query position t attends over positions
   * s ≤ t with weights softmax(q_t · k_s / √dHead), z_t = Σ α_ts v_s (Nanda et al.'s masked
   * softmax, whose masked scores contribute exactly 0).
   */
  private void attend(int l) {
    double[] al = alpha[l];
    int first = firstQuery(l);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < heads; k++) {
        int kc = hd + k * dHead;
        int vc = 2 * hd + k * dHead;
        for (int q = first; q < TransformerShape.CONTEXT; q++) {
          int qo = (q * n + i) * tw + k * dHead;
          double max = Double.NEGATIVE_INFINITY;
          for (int s = 0; s <= q; s++) {
            score[s] = invSqrtHead * dot(th, qo, th, (s * n + i) * tw + kc);
            max = Math.max(max, score[s]);
          }
          double sum = 0;
          for (int s = 0; s <= q; s++) {
            score[s] = Math.exp(score[s] - max);
            sum += score[s];
          }
          int at = (i * heads + k) * ALPHAS + ALPHA_AT[q];
          int zo = ((q - first) * n + i) * hd + k * dHead;
          Arrays.fill(zh, zo, zo + dHead, 0);
          for (int s = 0; s <= q; s++) {
            double weight = score[s] / sum;
            al[at + s] = weight;
            int vo = (s * n + i) * tw + vc;
            for (int e = 0; e < dHead; e++) {
              zh[zo + e] += weight * th[vo + e];
            }
          }
        }
      }
    }
  }

  /** dz → dα → scores and values of block l, scatter-added into the table gradient dT. */
  private void attendBackward(int l) {
    double[] al = alpha[l];
    int first = firstQuery(l);
    Arrays.fill(dth, 0);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < heads; k++) {
        int kc = hd + k * dHead;
        int vc = 2 * hd + k * dHead;
        for (int q = first; q < TransformerShape.CONTEXT; q++) {
          int qo = (q * n + i) * tw + k * dHead;
          int zo = ((q - first) * n + i) * hd + k * dHead;
          int at = (i * heads + k) * ALPHAS + ALPHA_AT[q];
          double mean = 0;
          for (int s = 0; s <= q; s++) {
            score[s] = dot(dzh, zo, th, (s * n + i) * tw + vc);
            mean += al[at + s] * score[s];
          }
          for (int s = 0; s <= q; s++) {
            double weight = al[at + s];
            // Scores s = q·k/√dHead: the key gets ds·q/√dHead, the query ds·k/√dHead.
            double ds = invSqrtHead * weight * (score[s] - mean);
            int ko = (s * n + i) * tw + kc;
            int vo = (s * n + i) * tw + vc;
            for (int e = 0; e < dHead; e++) {
              dth[vo + e] += weight * dzh[zo + e];
              dth[qo + e] += ds * th[ko + e];
              dth[ko + e] += ds * th[qo + e];
            }
          }
        }
      }
    }
  }

  private double dot(double[] u, int i, double[] v, int j) {
    double s = 0;
    for (int e = 0; e < dHead; e++) {
      s += u[i + e] * v[j + e];
    }
    return s;
  }

  /** d x[0], row t·n + i, summed into dW_E (token t of pair i) and dW_pos (position t). */
  private void unembed() {
    memory.read(dXView[0], xh);
    Arrays.fill(gEh, 0);
    Arrays.fill(gPosh, 0);
    for (int pos = 0; pos < TransformerShape.CONTEXT; pos++) {
      for (int i = 0; i < n; i++) {
        int row = (pos * n + i) * d;
        int tok = token(pos, i) * d;
        for (int j = 0; j < d; j++) {
          double dx = xh[row + j];
          gEh[tok + j] += dx;
          gPosh[pos * d + j] += dx;
        }
      }
    }
    memory.write(gEh, gE);
    memory.write(gPosh, gPos);
  }
}
