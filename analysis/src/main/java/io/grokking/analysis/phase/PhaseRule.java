package io.grokking.analysis.phase;

import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.metrics.RunStatus;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * The rule that turns a run's milestones into a {@link Phase}. A milestone is the first step at
 * which an accuracy reaches {@code threshold}; the rule then decides, from t_train and t_test,
 * whether generalization came late enough to be called grokking. Two kinds:
 *
 * <ul>
 *   <li>{@link Kind#GAP}, the default: the rule of Liu et al. 2022, "Towards Understanding
 *       Grokking: An Effective Theory of Representation Learning" (NeurIPS 2022, section 4, phase
 *       diagrams): grokking is generalization delayed by at least {@code gap} steps, t_test −
 *       t_train ≥ gap.
 *   <li>{@link Kind#RATIO}: a delay relative to the time to fit, t_test ≥ r · t_train (and
 *       t_test &gt; t_train). A fixed gap calls every fast run comprehension however far test
 *       accuracy lags: Doshi et al. 2023 ("To Grok or not to Grok: Disentangling Generalization
 *       and Memorization on Corrupted Algorithmic Datasets") report a quadratic MLP at p = 97
 *       reaching train accuracy 0.9 at step 14 and test 0.9 at step 38, which the 1 000-step gap
 *       calls comprehension and the ratio rule with r = 2 calls grokking.
 * </ul>
 *
 * <table>
 *   <caption>Phase from the milestones t_train and t_test</caption>
 *   <tr><th>train reached</th><th>test reached</th><th>phase</th></tr>
 *   <tr><td>yes</td><td>yes, not delayed (see above)</td><td>comprehension</td></tr>
 *   <tr><td>yes</td><td>yes, delayed (see above)</td><td>grokking</td></tr>
 *   <tr><td>yes</td><td>no</td><td>memorization</td></tr>
 *   <tr><td>no</td><td>yes</td><td>comprehension</td></tr>
 *   <tr><td>no</td><td>no</td><td>confusion</td></tr>
 *   <tr><td colspan="2">no test pairs (training fraction 1)</td><td>n/a</td></tr>
 * </table>
 *
 * <p>A run that reaches the test milestone without (or before) the train one generalized no later
 * than it fitted: its delay is at most zero, below any gap, so it is comprehension, not confusion,
 * which would claim it never generalized. Runs with status {@code failed} are {@link
 * Phase#FAILED} whatever they recorded; diverged runs are classified by the metrics they kept.
 *
 * @param kind      which comparison of t_test with t_train counts as grokking
 * @param threshold accuracy a milestone must reach, in (0, 1]
 * @param gap       for {@link Kind#GAP}: smallest delay in steps, t_test − t_train, that counts
 *                  as grokking; at least 0
 * @param ratio     for {@link Kind#RATIO}: smallest t_test / t_train that counts as grokking;
 *                  above 1
 */
public record PhaseRule(Kind kind, double threshold, long gap, double ratio) {
  /** How a rule compares t_test with t_train; {@link #key()} is the configuration value. */
  public enum Kind {
    GAP, RATIO;

    /** {@code gap} or {@code ratio}, as in {@code analysis.phase-rule} and the runs table. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final double DEFAULT_THRESHOLD = 0.9;
  public static final long DEFAULT_GAP = 1000;
  public static final double DEFAULT_RATIO = 2.0;
  public static final String THRESHOLD_KEY = "--phase-threshold";
  public static final String GAP_KEY = "--phase-gap";
  public static final String RATIO_KEY = "analysis.phase-ratio";

  public PhaseRule {
    Objects.requireNonNull(kind, "kind");
    // written so that NaN fails too
    ConfigException.check(threshold > 0 && threshold <= 1, THRESHOLD_KEY, "in (0, 1]", threshold);
    ConfigException.check(gap >= 0, GAP_KEY, "an integer >= 0", gap);
    ConfigException.check(ratio > 1 && ratio < Double.POSITIVE_INFINITY, RATIO_KEY,
        "a finite number > 1", ratio);
  }

  /** Liu et al.'s gap rule. */
  public PhaseRule(double threshold, long gap) {
    this(Kind.GAP, threshold, gap, DEFAULT_RATIO);
  }

  /** The relative rule: grokking when t_test ≥ {@code ratio} · t_train. */
  public static PhaseRule ratio(double threshold, double ratio) {
    return new PhaseRule(Kind.RATIO, threshold, DEFAULT_GAP, ratio);
  }

  /** The rule with the defaults of the sweep CLI: the gap rule, threshold 0.9, gap 1000 steps. */
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
    return classify(status, tTrain, tTest, true);
  }

  /**
   * As {@link #classify(RunStatus, Integer, Integer)}; a run without test pairs ({@code hasTest}
   * false: it trained on every pair) that did not fail is {@link Phase#NOT_APPLICABLE}, since no
   * test accuracy can tell generalizing from memorizing.
   */
  public Phase classify(RunStatus status, Integer tTrain, Integer tTest, boolean hasTest) {
    if (status != RunStatus.FAILED && !hasTest) {
      return Phase.NOT_APPLICABLE;
    }
    if (status == RunStatus.FAILED) {
      return Phase.FAILED;
    }
    if (tTest == null) {
      return tTrain == null ? Phase.CONFUSION : Phase.MEMORIZATION;
    }
    if (tTrain == null) {
      return Phase.COMPREHENSION;
    }
    boolean delayed = switch (kind) {
      case GAP -> (long) tTest - tTrain >= gap;
      // strictly later too: at t_train = 0 every t_test would otherwise be "r times" later
      case RATIO -> tTest >= ratio * tTrain && tTest > tTrain;
    };
    return delayed ? Phase.GROKKING : Phase.COMPREHENSION;
  }

  /** The gap in steps under the gap rule, null under the ratio rule. */
  public Long gapOrNull() {
    return kind == Kind.GAP ? gap : null;
  }

  /** The ratio under the ratio rule, null under the gap rule. */
  public Double ratioOrNull() {
    return kind == Kind.RATIO ? ratio : null;
  }

  /**
   * The rule in one line of plain text, for every caption, subtitle and log line, e.g. {@code
   * milestones at accuracy ≥ 0.9; grokking when t_test − t_train ≥ 1000 steps (threshold 0.9, gap
   * 1000 steps)} or {@code … grokking when t_test ≥ 2 × t_train (threshold 0.9, ratio 2)}.
   */
  public String describe() {
    String t = plain(threshold);
    return switch (kind) {
      case GAP -> String.format(Locale.ROOT, "milestones at accuracy ≥ %s; grokking when"
          + " t_test − t_train ≥ %d steps (threshold %s, gap %d steps)", t, gap, t, gap);
      case RATIO -> String.format(Locale.ROOT, "milestones at accuracy ≥ %s; grokking when"
          + " t_test ≥ %s × t_train (threshold %s, ratio %s)", t, plain(ratio), t, plain(ratio));
    };
  }

  private static String plain(double value) {
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
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
