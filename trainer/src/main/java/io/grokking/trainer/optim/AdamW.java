package io.grokking.trainer.optim;

import io.grokking.trainer.numeric.OffHeap;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * AdamW exactly as PyTorch's {@code torch.optim.AdamW} computes it (Loshchilov &amp; Hutter 2019,
 * Alg. 2, with PyTorch's placement of epsilon), on one flat parameter vector:
 *
 * <pre>
 * θ ← θ (1 − lr_t λ)
 * m ← β1 m + (1 − β1) g,   v ← β2 v + (1 − β2) g²
 * θ ← θ − (lr_t / (1 − β1^t)) · m / (sqrt(v) / sqrt(1 − β2^t) + ε)
 * </pre>
 *
 * DL4J's Adam adds ε to sqrt(v) before the bias correction, so it differs from PyTorch by a factor
 * sqrt(1 − β2^t) on ε; that matters early in training, which is why this class exists.
 * lr_t follows a linear warm-up: lr · min((s + 1) / warmup, 1) at update s (counted from 0), as
 * PyTorch's LambdaLR does with the peer's lambda.
 *
 * <p>The update is one Java loop over chunks of the four vectors rather than a dozen ND4J ops,
 * with the same operations in the same order and precision as those ops (float32 arithmetic on
 * float32 parameters, every scalar rounded to the parameter type first), so results are
 * bit-identical to {@code params.muli(1 − lr_t λ); m.muli(β1).addi(g·(1 − β1)); ...}.
 */
public final class AdamW implements Optimizer {
  private final double learningRate;
  private final double weightDecay;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final int warmupSteps;
  private final INDArray m;
  private final INDArray v;
  private final Chunks chunks;
  private long t;

  public AdamW(INDArray params, double learningRate, double weightDecay, double beta1, double beta2,
      double epsilon, int warmupSteps) {
    this.learningRate = learningRate;
    this.weightDecay = weightDecay;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.warmupSteps = warmupSteps;
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      this.m = Nd4j.zeros(params.dataType(), params.shape());
      this.v = Nd4j.zeros(params.dataType(), params.shape());
    }
    this.chunks = switch (params.dataType()) {
      case FLOAT -> new FloatChunks(m, v);
      case DOUBLE -> new DoubleChunks(m, v);
      default -> throw new IllegalArgumentException(
          "AdamW parameters must be FLOAT or DOUBLE, found " + params.dataType());
    };
  }

  @Override
  public double learningRateAt(long s) {
    return Optimizer.warmedUp(learningRate, warmupSteps, s);
  }

  @Override
  public long updates() {
    return t;
  }

  public INDArray firstMoment() {
    return m;
  }

  public INDArray secondMoment() {
    return v;
  }

  @Override
  public Map<String, double[]> state() {
    return Map.of(FIRST_MOMENT, m.toDoubleVector(), SECOND_MOMENT, v.toDoubleVector());
  }

  @Override
  public void restore(Map<String, double[]> state, long updates) {
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      for (var e : Map.of(FIRST_MOMENT, m, SECOND_MOMENT, v).entrySet()) {
        double[] saved = state.get(e.getKey());
        if (saved == null) {
          e.getValue().assign(0);
        } else {
          e.getValue().assign(Nd4j.createFromArray(saved).reshape(e.getValue().shape())
              .castTo(e.getValue().dataType()));
        }
      }
    }
    t = updates;
  }

  /** One update of {@code params} in place; both must be dense, like m and v. */
  @Override
  public void step(INDArray params, INDArray grad) {
    if (params.length() != m.length() || grad.length() != m.length()
        || !OffHeap.denseRowMajor(params) || !OffHeap.denseRowMajor(grad)) {
      throw new IllegalArgumentException("AdamW needs dense parameter and gradient vectors of "
          + m.length() + " elements, found " + params.length() + " and " + grad.length());
    }
    double lr = learningRateAt(t);
    t++;
    double bc1 = 1.0 - Math.pow(beta1, t);
    double bc2 = 1.0 - Math.pow(beta2, t);
    chunks.update(params, grad, 1.0 - lr * weightDecay, beta1, 1.0 - beta1, beta2, 1.0 - beta2,
        Math.sqrt(bc2), epsilon, lr / bc1);
  }

  /**
   * θ ← θ·decay − (m / (sqrt(v) / sqrtBc2 + ε))·stepSize after m ← β1 m + c1 g and
   * v ← β2 v + (g·g)·c2, element by element, through heap chunks of the off-heap vectors.
   */
  private abstract static class Chunks {
    static final int SIZE = 4096;

    abstract void update(INDArray params, INDArray grad, double decay, double b1, double c1,
        double b2, double c2, double sqrtBc2, double eps, double stepSize);
  }

  private static final class FloatChunks extends Chunks {
    private final FloatBuffer m;
    private final FloatBuffer v;
    private final float[] pc = new float[SIZE];
    private final float[] gc = new float[SIZE];
    private final float[] mc = new float[SIZE];
    private final float[] vc = new float[SIZE];

    FloatChunks(INDArray m, INDArray v) {
      this.m = OffHeap.floats(m);
      this.v = OffHeap.floats(v);
    }

    @Override
    void update(INDArray params, INDArray grad, double decay, double b1, double c1, double b2,
        double c2, double sqrtBc2, double eps, double stepSize) {
      FloatBuffer p = OffHeap.floats(params);
      FloatBuffer g = OffHeap.floats(grad);
      // ND4J's scalar ops round the scalar to the array's type before operating.
      float fDecay = (float) decay;
      float fB1 = (float) b1;
      float fC1 = (float) c1;
      float fB2 = (float) b2;
      float fC2 = (float) c2;
      float fSqrtBc2 = (float) sqrtBc2;
      float fEps = (float) eps;
      float fStep = (float) stepSize;
      int length = m.capacity();
      for (int off = 0; off < length; off += SIZE) {
        int c = Math.min(SIZE, length - off);
        p.get(off, pc, 0, c);
        g.get(off, gc, 0, c);
        m.get(off, mc, 0, c);
        v.get(off, vc, 0, c);
        for (int i = 0; i < c; i++) {
          float gi = gc[i];
          float mi = mc[i] * fB1 + gi * fC1;
          float vi = vc[i] * fB2 + gi * gi * fC2;
          mc[i] = mi;
          vc[i] = vi;
          float denom = (float) Math.sqrt(vi) / fSqrtBc2 + fEps;
          pc[i] = pc[i] * fDecay - mi / denom * fStep;
        }
        p.put(off, pc, 0, c);
        m.put(off, mc, 0, c);
        v.put(off, vc, 0, c);
      }
    }
  }

  private static final class DoubleChunks extends Chunks {
    private final DoubleBuffer m;
    private final DoubleBuffer v;
    private final double[] pc = new double[SIZE];
    private final double[] gc = new double[SIZE];
    private final double[] mc = new double[SIZE];
    private final double[] vc = new double[SIZE];

    DoubleChunks(INDArray m, INDArray v) {
      this.m = OffHeap.doubles(m);
      this.v = OffHeap.doubles(v);
    }

    @Override
    void update(INDArray params, INDArray grad, double decay, double b1, double c1, double b2,
        double c2, double sqrtBc2, double eps, double stepSize) {
      DoubleBuffer p = OffHeap.doubles(params);
      DoubleBuffer g = OffHeap.doubles(grad);
      int length = m.capacity();
      for (int off = 0; off < length; off += SIZE) {
        int c = Math.min(SIZE, length - off);
        p.get(off, pc, 0, c);
        g.get(off, gc, 0, c);
        m.get(off, mc, 0, c);
        v.get(off, vc, 0, c);
        for (int i = 0; i < c; i++) {
          double gi = gc[i];
          double mi = mc[i] * b1 + gi * c1;
          double vi = vc[i] * b2 + gi * gi * c2;
          mc[i] = mi;
          vc[i] = vi;
          double denom = Math.sqrt(vi) / sqrtBc2 + eps;
          pc[i] = pc[i] * decay - mi / denom * stepSize;
        }
        p.put(off, pc, 0, c);
        m.put(off, mc, 0, c);
        v.put(off, vc, 0, c);
      }
    }
  }
}
