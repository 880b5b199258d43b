package io.grokking.trainer.config;

import java.util.Locale;

/**
 * Which early stop a run takes ({@code train.stop-when}). Both stop at an evaluation step once a
 * streak of evaluations with test accuracy at or above a threshold has lasted a window of steps;
 * a single evaluation below the threshold ends the streak, and the next one at or above it starts
 * a new one.
 *
 * <ul>
 *   <li>{@link #GENERALIZED}, the default: the streak at {@code train.stop-threshold} over
 *       {@code train.stop-window} steps (status {@code generalized}).
 *   <li>{@link #PHASE_SETTLED}: the streak at {@code train.settle-threshold} (by default the
 *       sweep's {@code analysis.phase-threshold}) over {@code train.settle-window} steps (by
 *       default the stop window), status {@code settled}. Once test accuracy has reached the phase
 *       threshold, the phase rule's milestones t_train and t_test at that threshold are recorded
 *       and no later step can change them, so the run's phase is that of the full run.
 * </ul>
 */
public enum StopWhen {
  GENERALIZED("generalized"), PHASE_SETTLED("phase-settled");

  public static final String KEY = "train.stop-when";

  private final String key;

  StopWhen(String key) {
    this.key = key;
  }

  /** The value as written in a configuration. */
  public String key() {
    return key;
  }

  public static StopWhen parse(String key, String value) {
    for (StopWhen s : values()) {
      if (s.key.equals(value.trim().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new ConfigException(key, "must be one of generalized, phase-settled, found " + value);
  }
}
