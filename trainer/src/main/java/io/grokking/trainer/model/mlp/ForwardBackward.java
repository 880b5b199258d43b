package io.grokking.trainer.model.mlp;

import io.grokking.trainer.config.Activation;
import io.grokking.trainer.loss.CrossEntropy;
import io.grokking.trainer.loss.Loss;
import io.grokking.trainer.numeric.Gemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Forward pass, mean loss and backward pass of the two-layer network for one fixed batch, into
 * buffers allocated once. The loss is the mean of a {@link Loss} over the rows; cross-entropy, the
 * default, goes through log-sum-exp, so it stays finite in float32 where a softmax would saturate
 * (Prieto et al. 2025, Sec. 3).
 *
 * <pre>
 * G = X W_in,  H = act(G),  L = H W_out,  loss = mean_i ℓ(L_i, y_i)  (ℓ = −log softmax(L_i)_y_i)
 * dL = ∂ℓ/∂L / n (= (softmax(L) − Y) / n),  dW_out = Hᵀ dL,  dH = dL W_outᵀ,
 * dG = dH ⊙ act'(G),  dW_in = Xᵀ dG
 * </pre>
 *
 * X has two ones per row, so X W_in is a gather of two rows of W_in and Xᵀ dG a scatter-add
 * ({@link ElementwisePasses}); the three remaining products are OpenBLAS calls on the arrays in
 * place ({@link Gemm}). Both passes go by blocks of rows, each pass over a block right after the
 * product that wrote it, while the block is still in cache; dH only ever exists one block at a
 * time. Rows that repeat another row (the pair (b, a) after (a, b) under the sum encoding) are
 * computed once and weighted ({@link UniqueRows}). No off-heap memory is allocated per step.
 */
final class ForwardBackward {
  /** A block of H or dH rows of this size stays in a core's L2 cache (512 KiB on AMD Zen). */
  static final int BLOCK_BYTES = 256 * 1024;

  private final INDArray logits;
  private final boolean expand;
  private final int[] starts;
  private final INDArray[] hBlocks;
  private final INDArray[] logitBlocks;
  private final INDArray[] dLogitBlocks;
  private final INDArray[] dHBlocks;
  private final ElementwisePasses passes;

  /** The pass with cross-entropy. */
  ForwardBackward(Batch batch, int width, int classes, Activation activation, DataType type) {
    this(batch, width, classes, activation, type, new CrossEntropy());
  }

  ForwardBackward(Batch batch, int width, int classes, Activation activation, DataType type,
      Loss loss) {
    this(batch, UniqueRows.of(batch), width, classes, activation, type, loss);
  }

  /**
   * The passes over {@code unique}, the distinct rows of {@code batch}; with {@link
   * UniqueRows#each} they follow the batch's arrays as {@link Batch#fill} rewrites them.
   */
  ForwardBackward(Batch batch, UniqueRows unique, int width, int classes, Activation activation,
      DataType type, Loss loss) {
    int rows = unique.size();
    this.expand = !unique.identity();
    int block = Math.max(1, Math.min(rows, BLOCK_BYTES / (width * type.width())));
    int blocks = (rows + block - 1) / block;
    this.starts = new int[blocks + 1];
    this.hBlocks = new INDArray[blocks];
    this.logitBlocks = new INDArray[blocks];
    this.dLogitBlocks = new INDArray[blocks];
    this.dHBlocks = new INDArray[blocks];
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      INDArray h = Nd4j.create(type, rows, width);
      INDArray g = activation == Activation.RELU ? null : Nd4j.create(type, rows, width);
      INDArray uniqueLogits = Nd4j.create(type, rows, classes);
      this.logits = expand ? Nd4j.create(type, batch.size(), classes) : uniqueLogits;
      INDArray dLogits = Nd4j.create(type, rows, classes);
      INDArray dH = Nd4j.create(type, block, width);
      for (int k = 0; k < blocks; k++) {
        int from = k * block;
        int to = Math.min(rows, from + block);
        starts[k + 1] = to;
        hBlocks[k] = h.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        logitBlocks[k] = uniqueLogits.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        dLogitBlocks[k] = dLogits.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        dHBlocks[k] = dH.get(NDArrayIndex.interval(0, to - from), NDArrayIndex.all());
      }
      this.passes = ElementwisePasses.create(type, batch, unique, width, classes, activation,
          loss, h, g, uniqueLogits, dLogits, dH);
    }
  }

  /** Logits of the batch under the given weights; also fills the buffers backward() reads. */
  INDArray forward(INDArray wIn, INDArray wOut) {
    passes.loadWeights(wIn);
    passes.resetStats();
    for (int k = 0; k < hBlocks.length; k++) {
      passes.gather(starts[k], starts[k + 1]);
      Gemm.gemm(hBlocks[k], false, wOut, false, logitBlocks[k]);
      passes.lossAndGradient(starts[k], starts[k + 1]);
    }
    if (expand) {
      passes.expandLogits(logits);
    }
    return logits;
  }

  /** The logits of the last forward pass, one row per batch row. */
  INDArray logits() {
    return logits;
  }

  /** Mean loss of the last forward pass. */
  double loss() {
    return passes.lossSum / passes.n;
  }

  /** Share of rows whose arg-max logit is the label. */
  double accuracy() {
    return passes.correct / (double) passes.n;
  }

  /** Gradients of the mean loss at the last forward pass into dWin and dWout (overwritten). */
  void backward(INDArray wOut, INDArray dWin, INDArray dWout) {
    passes.clearGradient();
    for (int k = 0; k < hBlocks.length; k++) {
      Gemm.gemm(hBlocks[k], true, dLogitBlocks[k], false, dWout, k > 0);
      Gemm.gemm(dLogitBlocks[k], false, wOut, true, dHBlocks[k]);
      passes.scatter(starts[k], starts[k + 1]);
    }
    passes.storeGradient(dWin);
  }
}
