package io.grokking.sweep.config;

import io.grokking.analysis.phase.PhaseRule;
import io.grokking.trainer.config.ConfigException;
import java.util.List;
import java.util.Locale;

/**
 * Settings of the phase classification and the report that follow a sweep.
 *
 * @param phaseThreshold accuracy that counts as fitted (train) or generalized (test)
 *     (analysis.phase-threshold)
 * @param phaseGap steps test accuracy must lag train accuracy for a run to count as grokking under
 *     the gap rule (analysis.phase-gap)
 * @param phaseRule {@code gap} (Liu et al. 2022) or {@code ratio} (analysis.phase-rule)
 * @param phaseRatio r of the ratio rule: a run groks when t_test >= r · t_train
 *     (analysis.phase-ratio)
 * @param x the setting across the phase diagrams (analysis.x)
 * @param y the setting up the phase diagrams (analysis.y)
 * @param lossMilestones loss levels L whose first crossing, train and test, each run records
 *     (analysis.loss-milestones)
 */
public record AnalysisConfig(double phaseThreshold, int phaseGap, String phaseRule,
    double phaseRatio, String x, String y, List<Double> lossMilestones) {
  public static final double DEFAULT_PHASE_THRESHOLD = PhaseRule.DEFAULT_THRESHOLD;
  public static final int DEFAULT_PHASE_GAP = (int) PhaseRule.DEFAULT_GAP;
  public static final String GAP_RULE = "gap";
  public static final String RATIO_RULE = "ratio";
  public static final String DEFAULT_PHASE_RULE = GAP_RULE;
  public static final double DEFAULT_PHASE_RATIO = 2.0;
  public static final String DEFAULT_X = Keys.WEIGHT_DECAYS;
  public static final String DEFAULT_Y = Keys.TRAIN_FRACTIONS;

  /** Liu et al.'s gap rule with these settings, on the default axes. */
  public AnalysisConfig(double phaseThreshold, int phaseGap) {
    this(phaseThreshold, phaseGap, DEFAULT_PHASE_RULE, DEFAULT_PHASE_RATIO, DEFAULT_X, DEFAULT_Y,
        List.of());
  }

  public AnalysisConfig {
    ConfigException.check(phaseThreshold > 0 && phaseThreshold <= 1,
        Keys.PHASE_THRESHOLD, "in (0, 1]", phaseThreshold);
    ConfigException.check(phaseGap >= 0, Keys.PHASE_GAP, "an integer >= 0", phaseGap);
    ConfigException.check(phaseRule != null, Keys.PHASE_RULE, "one of gap, ratio", phaseRule);
    phaseRule = phaseRule.trim().toLowerCase(Locale.ROOT);
    ConfigException.check(phaseRule.equals(GAP_RULE) || phaseRule.equals(RATIO_RULE),
        Keys.PHASE_RULE, "one of gap, ratio", phaseRule);
    ConfigException.check(phaseRatio > 1 && Double.isFinite(phaseRatio), Keys.PHASE_RATIO,
        "a number > 1", phaseRatio);
    ConfigException.check(x != null, Keys.X, "a setting key", x);
    ConfigException.check(y != null, Keys.Y, "a setting key", y);
    lossMilestones = List.copyOf(lossMilestones);
    for (double level : lossMilestones) {
      if (!(level > 0 && Double.isFinite(level))) {
        throw new ConfigException(Keys.LOSS_MILESTONES, "each value must be a number > 0, found "
            + level);
      }
    }
  }

  public static AnalysisConfig defaults() {
    return new AnalysisConfig(DEFAULT_PHASE_THRESHOLD, DEFAULT_PHASE_GAP);
  }
}
