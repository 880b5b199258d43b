package io.grokking.trainer.metrics;

/** How a run ended; the value stored in the {@code status} column. */
public enum RunStatus {
  /** Ran its whole step budget. */
  COMPLETED,
  /** Stopped early: test accuracy held the stop threshold over the stop window. */
  GENERALIZED,
  /**
   * Stopped early with {@code train.stop-when = phase-settled}: test accuracy held the settle
   * threshold over the settle window, so the phase milestones are recorded and the phase is that
   * of the full run; what the rest of the budget would have recorded (t_99, the final
   * accuracies) is unknown.
   */
  SETTLED,
  /** The loss or a weight became NaN or infinite; the metrics up to that step are kept. */
  DIVERGED,
  /** Threw an exception; the message says what. */
  FAILED;

  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
