package io.grokking.trainer.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

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
 */
final class AdamW {
  private final double learningRate;
  private final double weightDecay;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final int warmupSteps;
  private final INDArray m;
  private final INDArray v;
  private long t;

  AdamW(INDArray params, double learningRate, double weightDecay, double beta1, double beta2,
      double epsilon, int warmupSteps) {
    this.learningRate = learningRate;
    this.weightDecay = weightDecay;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.warmupSteps = warmupSteps;
    this.m = Nd4j.zeros(params.dataType(), params.shape());
    this.v = Nd4j.zeros(params.dataType(), params.shape());
  }

  /** The learning rate used by update number {@code s} (0-based). */
  double learningRateAt(long s) {
    return warmupSteps == 0 ? learningRate : learningRate * Math.min((s + 1.0) / warmupSteps, 1.0);
  }

  long updates() {
    return t;
  }

  INDArray firstMoment() {
    return m;
  }

  INDArray secondMoment() {
    return v;
  }

  /** Restores the optimiser state of a checkpoint. */
  void restore(INDArray firstMoment, INDArray secondMoment, long updates) {
    m.assign(firstMoment);
    v.assign(secondMoment);
    t = updates;
  }

  /** One update of {@code params} in place; temporaries belong to the caller's workspace. */
  void step(INDArray params, INDArray grad) {
    double lr = learningRateAt(t);
    t++;
    double bc1 = 1.0 - Math.pow(beta1, t);
    double bc2 = 1.0 - Math.pow(beta2, t);
    params.muli(1.0 - lr * weightDecay);
    m.muli(beta1).addi(grad.mul(1.0 - beta1));
    v.muli(beta2).addi(grad.mul(grad).muli(1.0 - beta2));
    INDArray denom = Transforms.sqrt(v, true).divi(Math.sqrt(bc2)).addi(epsilon);
    params.subi(m.div(denom).muli(lr / bc1));
  }
}
