package io.grokking.trainer.train;

import io.grokking.trainer.config.StopWhen;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.metrics.RunStatus;

/**
 * The early stop of one run ({@link StopWhen}), fed one evaluation at a time. It follows the
 * current streak of evaluations with test accuracy at or above the rule's threshold: the streak
 * starts at the first such evaluation, any evaluation below the threshold ends it (a run that
 * falls back starts over at its next evaluation above), and the run stops at the first evaluation
 * at least the rule's window after the streak began. A window of 0 stops at the first evaluation
 * at or above the threshold.
 *
 * <p>The streak's first step is all the state there is; checkpoints carry it ({@link
 * io.grokking.trainer.checkpoint.TrainingState#holdingSince()}), so a resumed run stops where an
 * uninterrupted one does.
 */
final class EarlyStop {
  private final StopWhen rule;
  private final boolean enabled;
  private final double threshold;
  private final int window;
  private int holdingSince;

  /**
   * @param holdingSince the first step of the streak under way, −1 for none (a fresh run)
   */
  EarlyStop(TrainConfig t, int holdingSince) {
    this.rule = t.stopWhen();
    this.enabled = t.stopAfterGrok();
    boolean settled = rule == StopWhen.PHASE_SETTLED;
    this.threshold = settled ? t.settleThreshold() : t.stopThreshold();
    this.window = settled ? t.settleWindow() : t.stopWindow();
    this.holdingSince = holdingSince;
  }

  /** Records the evaluation at {@code step}; true when the run stops after its row. */
  boolean evaluated(int step, double testAcc) {
    holdingSince = testAcc >= threshold ? (holdingSince < 0 ? step : holdingSince) : -1;
    return enabled && holdingSince >= 0 && step - holdingSince >= window;
  }

  /** The first step of the streak under way, −1 for none. */
  int holdingSince() {
    return holdingSince;
  }

  /** The status of a run this rule stopped. */
  RunStatus status() {
    return rule == StopWhen.PHASE_SETTLED ? RunStatus.SETTLED : RunStatus.GENERALIZED;
  }

  /** Why a run stopped at {@code step} of {@code budget}. */
  String message(int step, int budget) {
    String saved = "; stopped early, " + (budget - step) + " steps saved";
    String held = "test accuracy held >= " + threshold + " from step " + holdingSince + " to "
        + step;
    return rule == StopWhen.PHASE_SETTLED ? "phase settled: " + held + saved : held + saved;
  }
}
