package io.grokking.trainer.loss;

import io.grokking.trainer.config.LossFunction;

/** The one place that turns a run's configured {@link LossFunction} into its {@link Loss}. */
public final class Losses {
  private Losses() {}

  public static Loss of(LossFunction loss) {
    return switch (loss) {
      case CROSS_ENTROPY -> new CrossEntropy();
      case STABLEMAX -> new StableMax();
      case MSE -> new MeanSquaredError();
    };
  }
}
