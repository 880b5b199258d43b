package io.grokking.analysis.phase;

import static io.grokking.analysis.testing.SyntheticRun.curves;
import static io.grokking.analysis.testing.SyntheticRun.jump;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokking.analysis.testing.SyntheticRun;
import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.metrics.RunStatus;
import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhaseRuleTest {
  private static final PhaseRule RULE = PhaseRule.defaults();

  /** Classifies a learning curve logged every 10 steps and evaluated every 100 up to 5000. */
  private static Phase phaseOf(PhaseRule rule, IntToDoubleFunction train,
      IntToDoubleFunction test) {
    SyntheticRun run = curves("r", 7, 1, 0.5, 1, 5000, 10, 100, train, test);
    return rule.classify(RunStatus.COMPLETED, run.firstStep(true, rule.threshold()),
        run.firstStep(false, rule.threshold()));
  }

  /** Without test pairs (fraction 1) no milestone pair can tell a phase; a failure stays one. */
  @ParameterizedTest
  @CsvSource(value = {"COMPLETED, 100, null, n/a", "DIVERGED, null, null, n/a",
      "GENERALIZED, 100, 900, n/a", "FAILED, null, null, failed"}, nullValues = "null")
  void aRunWithoutTestPairsIsNotApplicable(RunStatus status, Integer tTrain, Integer tTest,
      String phase) {
    assertThat(PhaseRule.defaults().classify(status, tTrain, tTest, false).key()).isEqualTo(phase);
    assertThat(Phase.fromKey("n/a")).isEqualTo(Phase.NOT_APPLICABLE);
  }

  @Test
  void defaultsAreThePapersSettings() {
    assertThat(RULE.threshold()).isEqualTo(0.9);
    assertThat(RULE.gap()).isEqualTo(1000);
  }

  @Test
  void curvesOfEveryPhase() {
    assertThat(phaseOf(RULE, jump(500, 0.5, 1), jump(700, 0.1, 0.95)))
        .isEqualTo(Phase.COMPREHENSION);
    assertThat(phaseOf(RULE, jump(500, 0.5, 1), jump(3000, 0.1, 0.95)))
        .isEqualTo(Phase.GROKKING);
    assertThat(phaseOf(RULE, jump(500, 0.5, 1), s -> 0.4)).isEqualTo(Phase.MEMORIZATION);
    assertThat(phaseOf(RULE, s -> 0.6, s -> 0.4)).isEqualTo(Phase.CONFUSION);
  }

  @Test
  void delayOfExactlyTheGapIsGrokkingAndOneStepLessIsComprehension() {
    assertThat(RULE.classify(RunStatus.COMPLETED, 500, 1500)).isEqualTo(Phase.GROKKING);
    assertThat(RULE.classify(RunStatus.COMPLETED, 500, 1499)).isEqualTo(Phase.COMPREHENSION);
    // the same boundary reached through curves: evaluation at 1500 sees the jump first
    assertThat(phaseOf(RULE, jump(500, 0.5, 1), jump(1500, 0.1, 0.95)))
        .isEqualTo(Phase.GROKKING);
    assertThat(phaseOf(RULE, jump(510, 0.5, 1), jump(1500, 0.1, 0.95)))
        .isEqualTo(Phase.COMPREHENSION);
  }

  @Test
  void zeroGapMakesEveryDelayedGeneralizationGrokking() {
    PhaseRule rule = new PhaseRule(0.9, 0);
    assertThat(rule.classify(RunStatus.COMPLETED, 500, 500)).isEqualTo(Phase.GROKKING);
    assertThat(rule.classify(RunStatus.COMPLETED, 500, 400)).isEqualTo(Phase.COMPREHENSION);
  }

  @Test
  void thresholdDecidesWhichMilestonesCount() {
    // train peaks at 0.93 and test at 0.92: reached at 0.9, neither at 0.95
    IntToDoubleFunction train = jump(500, 0.5, 0.93);
    IntToDoubleFunction test = jump(2000, 0.1, 0.92);
    assertThat(phaseOf(new PhaseRule(0.9, 1000), train, test)).isEqualTo(Phase.GROKKING);
    assertThat(phaseOf(new PhaseRule(0.9, 2000), train, test)).isEqualTo(Phase.COMPREHENSION);
    assertThat(phaseOf(new PhaseRule(0.925, 1000), train, test))
        .isEqualTo(Phase.MEMORIZATION);
    assertThat(phaseOf(new PhaseRule(0.95, 1000), train, test)).isEqualTo(Phase.CONFUSION);
  }

  @Test
  void testReachedWithoutTrainIsComprehensionWithoutDelay() {
    assertThat(phaseOf(RULE, s -> 0.85, jump(300, 0.1, 0.92))).isEqualTo(Phase.COMPREHENSION);
    assertThat(PhaseRule.delay(null, 300)).isNull();
  }

  @Test
  void testBeforeTrainIsComprehensionWithNegativeDelay() {
    assertThat(RULE.classify(RunStatus.COMPLETED, 2000, 100)).isEqualTo(Phase.COMPREHENSION);
    assertThat(PhaseRule.delay(2000, 100)).isEqualTo(-1900);
  }

  @Test
  void failedStatusWinsOverMetricsAndDivergedRunsAreClassifiedByTheirs() {
    assertThat(RULE.classify(RunStatus.FAILED, 100, 200)).isEqualTo(Phase.FAILED);
    assertThat(RULE.classify(RunStatus.FAILED, null, null)).isEqualTo(Phase.FAILED);
    assertThat(RULE.classify(RunStatus.DIVERGED, 100, null)).isEqualTo(Phase.MEMORIZATION);
    assertThat(RULE.classify(RunStatus.GENERALIZED, 100, 200)).isEqualTo(Phase.COMPREHENSION);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, -0.1, 1.0000001, 1.5, Double.NaN, Double.POSITIVE_INFINITY})
  void rejectsThresholdOutsideZeroToOne(double threshold) {
    assertThatThrownBy(() -> new PhaseRule(threshold, 1000))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--phase-threshold: must be in (0, 1], found " + threshold)
        .extracting(e -> ((ConfigException) e).key()).isEqualTo(PhaseRule.THRESHOLD_KEY);
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.MIN_VALUE, 1e-9, 0.5, 0.9, 1.0})
  void acceptsThresholdInZeroToOne(double threshold) {
    assertThat(new PhaseRule(threshold, 1000).threshold()).isEqualTo(threshold);
  }

  @ParameterizedTest
  @CsvSource({"-1", "-1000", "-9223372036854775808"})
  void rejectsNegativeGap(long gap) {
    assertThatThrownBy(() -> new PhaseRule(0.9, gap))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--phase-gap: must be an integer >= 0, found " + gap);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 1000, Long.MAX_VALUE})
  void acceptsNonNegativeGap(long gap) {
    assertThat(new PhaseRule(0.9, gap).gap()).isEqualTo(gap);
  }

  @Test
  void hugeGapDoesNotOverflow() {
    assertThat(new PhaseRule(0.9, Long.MAX_VALUE)
        .classify(RunStatus.COMPLETED, Integer.MIN_VALUE, Integer.MAX_VALUE))
        .isEqualTo(Phase.COMPREHENSION);
  }

  @Test
  void phasesHaveLowercaseKeysAndDistinctColours() {
    assertThat(Arrays.stream(Phase.values()).map(Phase::key)).containsExactly("comprehension",
        "grokking", "memorization", "confusion", "failed", "n/a");
    assertThat(Arrays.stream(Phase.values()).map(Phase::colour)).doesNotHaveDuplicates();
    assertThat(Phase.GROKKING.hexColour()).isEqualTo("#e69f00");
    assertThat(Phase.fromKey("grokking")).isEqualTo(Phase.GROKKING);
    assertThatThrownBy(() -> Phase.fromKey("nope")).hasMessageContaining("nope");
  }
}
