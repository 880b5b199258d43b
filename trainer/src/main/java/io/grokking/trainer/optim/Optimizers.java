package io.grokking.trainer.optim;

import io.grokking.trainer.config.OptimizerConfig;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.numeric.FlatVectors;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The one place that turns a run's {@link OptimizerConfig} into its {@link Optimizer}. */
public final class Optimizers {
  private Optimizers() {}

  /**
   * The run's optimizer for {@code params}, which must hold the initial weights: with
   * weight-decay-toward = init they are copied as θ₀. A resumed run rebuilds the same θ₀ from its
   * seed before restoring the checkpoint, so θ₀ is not saved.
   */
  public static Optimizer create(RunSpec spec, INDArray params) {
    OptimizerConfig o = spec.optimizer();
    TrainConfig t = spec.train();
    double wd = spec.weightDecay();
    double[] init = o.weightDecayToward() == OptimizerConfig.DecayToward.INIT
        ? FlatVectors.read(params) : null;
    int n = Math.toIntExact(params.length());
    return switch (o.optimizer()) {
      case ADAMW -> init == null
          ? new AdamW(params, t.learningRate(), wd, t.beta1(), t.beta2(), t.epsilon(),
              t.warmupSteps())
          : new DecayTowardInit(new AdamW(params, t.learningRate(), 0.0, t.beta1(), t.beta2(),
              t.epsilon(), t.warmupSteps()), wd, init);
      case ADAM -> new Adam(n, t.learningRate(), wd, t.beta1(), t.beta2(), t.epsilon(),
          t.warmupSteps(), init);
      case SGD -> new Sgd(n, t.learningRate(), wd, o.momentum(), t.warmupSteps(), init);
    };
  }

  /** Copies a saved vector into {@code into}, or zeroes it when nothing was saved. */
  public static void copyOrZero(double[] saved, double[] into) {
    if (saved == null) {
      java.util.Arrays.fill(into, 0.0);
      return;
    }
    if (saved.length != into.length) {
      throw new IllegalArgumentException("saved optimizer state holds " + saved.length
          + " values, the parameters " + into.length);
    }
    System.arraycopy(saved, 0, into, 0, into.length);
  }
}
