package io.grokking.sweep.config;

import io.grokking.analysis.phase.PhaseRule;

import io.grokking.trainer.config.ConfigException;

/**
 * Settings of the phase classification that follows a sweep.
 *
 * @param phaseThreshold accuracy that counts as fitted (train) or generalized (test)
 *     (analysis.phase-threshold)
 * @param phaseGap steps test accuracy must lag train accuracy for a run to count as grokking
 *     (analysis.phase-gap)
 */
public record AnalysisConfig(double phaseThreshold, int phaseGap) {
  public static final double DEFAULT_PHASE_THRESHOLD = PhaseRule.DEFAULT_THRESHOLD;
  public static final int DEFAULT_PHASE_GAP = (int) PhaseRule.DEFAULT_GAP;

  public AnalysisConfig {
    ConfigException.check(phaseThreshold > 0 && phaseThreshold <= 1,
        Keys.PHASE_THRESHOLD, "in (0, 1]", phaseThreshold);
    ConfigException.check(phaseGap >= 0, Keys.PHASE_GAP, "an integer >= 0", phaseGap);
  }

  public static AnalysisConfig defaults() {
    return new AnalysisConfig(DEFAULT_PHASE_THRESHOLD, DEFAULT_PHASE_GAP);
  }
}
