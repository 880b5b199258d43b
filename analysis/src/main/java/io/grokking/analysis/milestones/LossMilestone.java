package io.grokking.analysis.milestones;

import java.math.BigDecimal;

/**
 * A run's first steps below one loss level (Nanda et al. 2023 and Kumar et al. 2023 describe
 * grokking by loss rather than accuracy).
 *
 * @param level  the loss level L
 * @param tTrain first recorded step with train loss below L, null if never
 * @param tTest  first evaluated step with test loss below L, null if never
 */
public record LossMilestone(double level, Integer tTrain, Integer tTest) {

  /** {@code t_train_loss_<L>}, see {@link #label(double)}. */
  public static String trainColumn(double level) {
    return "t_train_loss_" + label(level);
  }

  /** {@code t_test_loss_<L>}, see {@link #label(double)}. */
  public static String testColumn(double level) {
    return "t_test_loss_" + label(level);
  }

  /** L as its shortest decimal with {@code .} as {@code _}: 1.0 → 1, 0.5 → 0_5, 0.01 → 0_01. */
  public static String label(double level) {
    return BigDecimal.valueOf(level).stripTrailingZeros().toPlainString().replace('.', '_');
  }
}
