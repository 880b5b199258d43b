package io.grokking.analysis.phase;

import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.metrics.RunStatus;

/**
 * The rule that turns a run's milestones into a {@link Phase}: the rule of Liu et al. 2022,
 * "Towards Understanding Grokking: An Effective Theory of Representation Learning" (NeurIPS 2022,
 * section 4, phase diagrams), where a milestone is the first step at which an accuracy reaches
 * {@code threshold} and grokking is generalization delayed by at least {@code gap} steps after
 * the training set is fitted.
 *
 * <table>
 *   <caption>Phase from the milestones t_train and t_test</caption>
 *   <tr><th>train reached</th><th>test reached</th><th>phase</th></tr>
 *   <tr><td>yes</td><td>yes, t_test − t_train &lt; gap</td><td>comprehension</td></tr>
 *   <tr><td>yes</td><td>yes, t_test − t_train ≥ gap</td><td>grokking</td></tr>
 *   <tr><td>yes</td><td>no</td><td>memorization</td></tr>
 *   <tr><td>no</td><td>yes</td><td>comprehension</td></tr>
 *   <tr><td>no</td><td>no</td><td>confusion</td></tr>
 * </table>
 *
 * <p>A run that reaches the test milestone without (or before) the train one generalized no later
 * than it fitted: its delay is at most zero, below any gap, so it is comprehension, not confusion,
 * which would claim it never generalized. Runs with status {@code failed} are {@link
 * Phase#FAILED} whatever they recorded; diverged runs are classified by the metrics they kept.
 *
 * @param threshold accuracy a milestone must reach, in (0, 1]
 * @param gap       smallest delay in steps, t_test − t_train, that counts as grokking; at least 0
 */
public record PhaseRule(double threshold, long gap) {
  public static final double DEFAULT_THRESHOLD = 0.9;
  public static final long DEFAULT_GAP = 1000;
  public static final String THRESHOLD_KEY = "--phase-threshold";
  public static final String GAP_KEY = "--phase-gap";

  public PhaseRule {
    // written so that NaN fails too
    ConfigException.check(threshold > 0 && threshold <= 1, THRESHOLD_KEY, "in (0, 1]", threshold);
    ConfigException.check(gap >= 0, GAP_KEY, "an integer >= 0", gap);
  }

  /** The rule with the defaults of the sweep CLI: threshold 0.9, gap 1000 steps. */
  public static PhaseRule defaults() {
    return new PhaseRule(DEFAULT_THRESHOLD, DEFAULT_GAP);
  }

  /**
   * The phase of one run.
   *
   * @param status how the run ended
   * @param tTrain first step with train accuracy at or above the threshold, null if never
   * @param tTest  first evaluated step with test accuracy at or above the threshold, null if never
   */
  public Phase classify(RunStatus status, Integer tTrain, Integer tTest) {
    if (status == RunStatus.FAILED) {
      return Phase.FAILED;
    }
    if (tTest == null) {
      return tTrain == null ? Phase.CONFUSION : Phase.MEMORIZATION;
    }
    if (tTrain == null) {
      return Phase.COMPREHENSION;
    }
    return (long) tTest - tTrain >= gap ? Phase.GROKKING : Phase.COMPREHENSION;
  }

  /** t_test − t_train when both milestones were reached, else null. */
  public static Integer delay(Integer tTrain, Integer tTest) {
    return tTrain == null || tTest == null ? null : tTest - tTrain;
  }

  /**
   * For a censored run, one that reached the train milestone but not the test one by its last
   * recorded step: {@code lastStep − tTrain}, which its delay (were training continued) would
   * exceed. Null when the run is not censored or recorded nothing.
   */
  public static Integer delayLowerBound(Integer tTrain, Integer tTest, Integer lastStep) {
    return tTrain == null || tTest != null || lastStep == null ? null : lastStep - tTrain;
  }
}
