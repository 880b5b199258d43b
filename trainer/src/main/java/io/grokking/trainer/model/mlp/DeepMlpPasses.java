package io.grokking.trainer.model.mlp;

import io.grokking.trainer.config.Activation;
import io.grokking.trainer.loss.Loss;
import io.grokking.trainer.model.TrainableModel;
import io.grokking.trainer.numeric.Gemm;
import io.grokking.trainer.numeric.OffHeap;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward pass, loss and backward pass of {@link DeepMlpModel}'s network (L hidden layers, biases
 * or none, any {@link Activation}, any {@link Loss}) for one fixed batch, into buffers allocated
 * once; nothing off-heap is allocated per step.
 *
 * <pre>
 * G₁ = X W₁ + b₁,  H_l = act(G_l),  G_l = H_{l−1} W_l + b_l (l = 2..L),  Z = H_L W_out + b_out
 * loss = mean_i loss(Z_i, y_i),  dZ_i = ∂loss(Z_i, y_i)/∂Z_i / n
 * dW_out = H_Lᵀ dZ,  db_out = Σ_i dZ_i,  dH_L = dZ W_outᵀ
 * dG_l = dH_l ⊙ act'(G_l),  dW_l = H_{l−1}ᵀ dG_l,  db_l = Σ_i dG_l,i,  dH_{l−1} = dG_l W_lᵀ
 * dW₁ = Xᵀ dG₁
 * </pre>
 *
 * X has two ones per row, so X W₁ is a gather of two rows of W₁ and Xᵀ dG₁ a scatter-add; every
 * other product is one OpenBLAS call on the arrays in place ({@link Gemm}), and the activations,
 * biases and loss are row loops in float64 ({@link Nonlinearity}, {@link RowBuffer}). Rows that
 * repeat another row are computed once and weighted ({@link UniqueRows}), as in {@link
 * ForwardBackward}, the tuned passes of He et al.'s one-layer shape.
 */
final class DeepMlpPasses implements TrainableModel.Passes {
  private final Activation activation;
  private final Loss loss;
  private final int depth;
  private final int width;
  private final int classes;
  private final int inputs;
  private final int n;
  private final int rows;
  private final int[] first;
  private final int[] second;
  private final int[] labels;
  private final int[] weights;
  private final int[] rowOf;
  private final boolean expand;

  /** Parameter and gradient views (DL4J's layout); biases null without biases. */
  private final INDArray[] w;
  private final INDArray[] b;
  private final INDArray[] dw;
  private final INDArray[] db;

  /** Per hidden layer: pre-activations G and activations H, rows × width. */
  private final RowBuffer[] g;
  private final RowBuffer[] h;
  private final RowBuffer uniqueLogits;
  private final RowBuffer logits;
  private final RowBuffer dLogits;
  /** dH and dG of one layer, then the next: a product cannot write the matrix it reads. */
  private final RowBuffer[] dHidden;

  /** W₁ and its gradient on the heap, row-major inputs × width; biases likewise. */
  private final double[] wFirst;
  private final double[] dwFirst;
  private final double[][] bias;
  private final double[][] dBias;
  private final float[] floats;
  private final double[] row;
  private final double[] act;
  private final double[] logitRow;
  private final double[] gradRow;

  private double lossSum;
  private int correct;

  /**
   * @param w the weights, hidden layers first and W_out last, as DL4J holds them
   * @param b the biases in the same order, or null
   * @param dw the gradient views of {@code w}, in any layout
   * @param db the gradient views of {@code b}, or null
   */
  DeepMlpPasses(Batch batch, Activation activation, Loss loss, INDArray[] w, INDArray[] b,
      INDArray[] dw, INDArray[] db) {
    this(batch, UniqueRows.of(batch), activation, loss, w, b, dw, db);
  }

  /**
   * The passes over {@code unique}, the distinct rows of {@code batch}; with {@link
   * UniqueRows#each} they follow the batch's arrays as {@link Batch#fill} rewrites them.
   */
  DeepMlpPasses(Batch batch, UniqueRows unique, Activation activation, Loss loss, INDArray[] w,
      INDArray[] b, INDArray[] dw, INDArray[] db) {
    DataType type = w[0].dataType();
    this.activation = activation;
    this.loss = loss;
    this.depth = w.length - 1;
    this.width = (int) w[0].columns();
    this.classes = batch.classes();
    this.inputs = batch.inputs();
    this.n = batch.size();
    this.rows = unique.size();
    this.first = unique.first();
    this.second = unique.second();
    this.labels = unique.labels();
    this.weights = unique.weights();
    this.rowOf = unique.rowOf();
    this.expand = !unique.identity();
    this.w = w;
    this.b = b;
    this.dw = dw;
    this.db = db;
    if (w[0].rows() != inputs || w[depth].columns() != classes) {
      throw new IllegalArgumentException("W_in must be " + inputs + "x" + width + " and W_out "
          + width + "x" + classes + ", found " + w[0].rows() + "x" + w[0].columns() + " and "
          + w[depth].rows() + "x" + w[depth].columns());
    }
    if ((long) Math.max(n, rows) * Math.max(width, classes) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("batch too large for one buffer: " + n + " rows of "
          + Math.max(width, classes));
    }
    this.g = new RowBuffer[depth];
    this.h = new RowBuffer[depth];
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      for (int l = 0; l < depth; l++) {
        g[l] = new RowBuffer(Nd4j.create(type, rows, width));
        h[l] = new RowBuffer(Nd4j.create(type, rows, width));
      }
      this.uniqueLogits = new RowBuffer(Nd4j.create(type, rows, classes));
      this.logits = expand ? new RowBuffer(Nd4j.create(type, n, classes)) : uniqueLogits;
      this.dLogits = new RowBuffer(Nd4j.create(type, rows, classes));
      this.dHidden = new RowBuffer[] {new RowBuffer(Nd4j.create(type, rows, width)),
          new RowBuffer(Nd4j.create(type, rows, width))};
    }
    this.wFirst = new double[inputs * width];
    this.dwFirst = new double[inputs * width];
    this.bias = new double[depth + 1][];
    this.dBias = new double[depth + 1][];
    if (b != null) {
      for (int l = 0; l <= depth; l++) {
        bias[l] = new double[l == depth ? classes : width];
        dBias[l] = new double[l == depth ? classes : width];
      }
    }
    this.floats = type == DataType.FLOAT ? new float[inputs * width + width + classes] : null;
    this.row = new double[Math.max(width, classes)];
    this.act = new double[width];
    this.logitRow = new double[classes];
    this.gradRow = new double[classes];
  }

  @Override
  public INDArray forward() {
    read(w[0], wFirst);
    if (b != null) {
      for (int l = 0; l <= depth; l++) {
        read(b[l], bias[l]);
      }
    }
    for (int i = 0; i < rows; i++) {
      int a = first[i] * width;
      int c = second[i] * width;
      for (int j = 0; j < width; j++) {
        row[j] = wFirst[a + j] + wFirst[c + j];
      }
      activate(0, i);
    }
    for (int l = 1; l < depth; l++) {
      Gemm.gemm(h[l - 1].array(), false, w[l], false, g[l].array());
      for (int i = 0; i < rows; i++) {
        g[l].get(i, row);
        activate(l, i);
      }
    }
    Gemm.gemm(h[depth - 1].array(), false, w[depth], false, uniqueLogits.array());
    score();
    if (expand) {
      for (int i = 0; i < n; i++) {
        uniqueLogits.get(rowOf[i], logitRow);
        logits.put(i, logitRow);
      }
    }
    return logits.array();
  }

  /** Row i of layer l from its product in {@code row}: adds the bias, stores G and act(G). */
  private void activate(int l, int i) {
    if (b != null) {
      double[] bl = bias[l];
      for (int j = 0; j < width; j++) {
        row[j] += bl[j];
      }
    }
    g[l].put(i, row);
    Nonlinearity.apply(activation, row, act, width);
    h[l].put(i, act);
  }

  /** Adds the output bias, then the loss, the hits and dZ of every distinct row. */
  private void score() {
    double sum = 0;
    int hits = 0;
    double[] bOut = bias[depth];
    for (int i = 0; i < rows; i++) {
      uniqueLogits.get(i, logitRow);
      if (b != null) {
        for (int c = 0; c < classes; c++) {
          logitRow[c] += bOut[c];
        }
        uniqueLogits.put(i, logitRow);
      }
      int arg = 0;
      for (int c = 1; c < classes; c++) {
        if (logitRow[c] > logitRow[arg]) {
          arg = c;
        }
      }
      int weight = weights[i];
      sum += weight * loss.row(logitRow, labels[i], gradRow);
      hits += arg == labels[i] ? weight : 0;
      double scale = (double) weight / n;
      for (int c = 0; c < classes; c++) {
        gradRow[c] *= scale;
      }
      dLogits.put(i, gradRow);
    }
    lossSum = sum;
    correct = hits;
  }

  @Override
  public INDArray logits() {
    return logits.array();
  }

  @Override
  public double loss() {
    return lossSum / n;
  }

  @Override
  public double accuracy() {
    return correct / (double) n;
  }

  @Override
  public void backward() {
    Gemm.gemm(h[depth - 1].array(), true, dLogits.array(), false, dw[depth]);
    if (b != null) {
      columnSums(dLogits, dBias[depth], classes);
      write(dBias[depth], db[depth]);
    }
    int current = 0;
    Gemm.gemm(dLogits.array(), false, w[depth], true, dHidden[current].array());
    for (int l = depth - 1; l >= 1; l--) {
      RowBuffer d = dHidden[current];
      for (int i = 0; i < rows; i++) {
        d.get(i, row);
        g[l].get(i, act);
        Nonlinearity.backprop(activation, act, row, width);
        d.put(i, row);
      }
      Gemm.gemm(h[l - 1].array(), true, d.array(), false, dw[l]);
      if (b != null) {
        columnSums(d, dBias[l], width);
        write(dBias[l], db[l]);
      }
      Gemm.gemm(d.array(), false, w[l], true, dHidden[1 - current].array());
      current = 1 - current;
    }
    RowBuffer d = dHidden[current];
    Arrays.fill(dwFirst, 0.0);
    double[] db0 = dBias[0];
    if (db0 != null) {
      Arrays.fill(db0, 0.0);
    }
    for (int i = 0; i < rows; i++) {
      d.get(i, row);
      g[0].get(i, act);
      Nonlinearity.backprop(activation, act, row, width);
      // Two loops, not one: first_i = second_i (a = b) would alias the two updates.
      int a = first[i] * width;
      for (int j = 0; j < width; j++) {
        dwFirst[a + j] += row[j];
      }
      int c = second[i] * width;
      for (int j = 0; j < width; j++) {
        dwFirst[c + j] += row[j];
      }
      if (db0 != null) {
        for (int j = 0; j < width; j++) {
          db0[j] += row[j];
        }
      }
    }
    write(dwFirst, dw[0]);
    if (b != null) {
      write(db0, db[0]);
    }
  }

  /** out[j] = Σ_i m[i][j] over the distinct rows (already weighted by their multiplicity). */
  private void columnSums(RowBuffer m, double[] out, int columns) {
    Arrays.fill(out, 0.0);
    for (int i = 0; i < rows; i++) {
      m.get(i, row);
      for (int j = 0; j < columns; j++) {
        out[j] += row[j];
      }
    }
  }

  /** A parameter matrix (any layout) into dense row-major float64 {@code out}. */
  private void read(INDArray m, double[] out) {
    if (floats == null) {
      OffHeap.read(m, out);
      return;
    }
    OffHeap.read(m, floats);
    int size = (int) m.length();
    for (int k = 0; k < size; k++) {
      out[k] = floats[k];
    }
  }

  /** Dense row-major float64 {@code in} into a gradient matrix (any layout). */
  private void write(double[] in, INDArray m) {
    if (floats == null) {
      OffHeap.write(in, m);
      return;
    }
    int size = (int) m.length();
    for (int k = 0; k < size; k++) {
      floats[k] = (float) in[k];
    }
    OffHeap.write(floats, m);
  }
}
