package io.grokking.sweep.config;

import io.grokking.analysis.phase.PhaseRule;
import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.config.Setting;
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

  public static final Setting PHASE_THRESHOLD = Setting.key("analysis.phase-threshold")
      .number(DEFAULT_PHASE_THRESHOLD).allowed("in (0, 1]")
      .doc("accuracy that counts as fitted (train) or generalized (test)").analysis().build();
  public static final Setting PHASE_GAP = Setting.key("analysis.phase-gap")
      .integer(DEFAULT_PHASE_GAP).allowed("an integer >= 0")
      .doc("steps test must lag train to count as grokking (gap rule)").analysis().build();
  public static final Setting PHASE_RULE = Setting.key("analysis.phase-rule")
      .word(DEFAULT_PHASE_RULE).allowed("one of gap, ratio")
      .doc("Liu et al.'s fixed gap, or the relative rule t_test >= r · t_train").analysis()
      .build();
  public static final Setting PHASE_RATIO = Setting.key("analysis.phase-ratio")
      .number(DEFAULT_PHASE_RATIO).allowed("a number > 1").doc("r of the ratio rule")
      .analysis().build();
  public static final Setting X = Setting.key("analysis.x").word(DEFAULT_X)
      .allowed("a setting key").doc("the setting across each phase diagram: a grid list or a key"
          + " under sweep.axes; every other varied setting makes panels").analysis().build();
  public static final Setting Y = Setting.key("analysis.y").word(DEFAULT_Y)
      .allowed("a setting key").doc("the setting up each phase diagram, other than analysis.x")
      .analysis().build();
  public static final Setting LOSS_MILESTONES = Setting.key("analysis.loss-milestones")
      .list(List.of()).allowed("numbers > 0")
      .doc("loss levels whose first crossing, train and test, runs.csv records").analysis()
      .build();
  /** The analysis's settings, as the keys table lists them. */
  public static final List<Setting> SETTINGS = List.of(PHASE_THRESHOLD, PHASE_GAP, PHASE_RULE,
      PHASE_RATIO, X, Y, LOSS_MILESTONES);

  /** Liu et al.'s gap rule with these settings, on the default axes. */
  public AnalysisConfig(double phaseThreshold, int phaseGap) {
    this(phaseThreshold, phaseGap, DEFAULT_PHASE_RULE, DEFAULT_PHASE_RATIO, DEFAULT_X, DEFAULT_Y,
        List.of());
  }

  public AnalysisConfig {
    PHASE_THRESHOLD.check(phaseThreshold > 0 && phaseThreshold <= 1, phaseThreshold);
    PHASE_GAP.check(phaseGap >= 0, phaseGap);
    PHASE_RULE.check(phaseRule != null, phaseRule);
    phaseRule = phaseRule.trim().toLowerCase(Locale.ROOT);
    PHASE_RULE.check(phaseRule.equals(GAP_RULE) || phaseRule.equals(RATIO_RULE), phaseRule);
    PHASE_RATIO.check(phaseRatio > 1 && Double.isFinite(phaseRatio), phaseRatio);
    X.check(x != null, x);
    Y.check(y != null, y);
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
