package io.grokking.analysis.phase;

import static io.grokking.analysis.testing.SyntheticRun.curves;
import static io.grokking.analysis.testing.SyntheticRun.jump;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokking.analysis.testing.SyntheticRun;
import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.metrics.RunStatus;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The relative rule, t_test ≥ r · t_train, beside Liu et al.'s gap rule. */
class RatioRuleTest {
  private static final PhaseRule RATIO = PhaseRule.ratio(0.9, PhaseRule.DEFAULT_RATIO);

  /** Classifies a curve logged and evaluated every step up to {@code last}. */
  private static Phase phaseOf(PhaseRule rule, int last, IntToDoubleFunction train,
      IntToDoubleFunction test) {
    SyntheticRun run = curves("r", 97, 1, 0.5, 1, last, 1, 1, train, test);
    return rule.classify(RunStatus.COMPLETED, run.firstStep(true, rule.threshold()),
        run.firstStep(false, rule.threshold()));
  }

  @Test
  void doshiEtAlsQuadraticMlpGroksByRatioButComprehendsByGap() {
    // Doshi et al. 2023, p = 97: train accuracy 0.9 at step 14, test 0.9 at step 38
    IntToDoubleFunction train = jump(14, 0.3, 0.95);
    IntToDoubleFunction test = jump(38, 0.05, 0.93);
    assertThat(phaseOf(RATIO, 200, train, test)).isEqualTo(Phase.GROKKING);
    assertThat(phaseOf(PhaseRule.defaults(), 200, train, test)).isEqualTo(Phase.COMPREHENSION);
    // a ratio of 38/14 ≈ 2.7: r = 3 calls it comprehension
    assertThat(phaseOf(PhaseRule.ratio(0.9, 3), 200, train, test))
        .isEqualTo(Phase.COMPREHENSION);
  }

  @Test
  void exactlyRTimesIsGrokkingAndOneStepLessIsComprehension() {
    assertThat(RATIO.classify(RunStatus.COMPLETED, 500, 1000)).isEqualTo(Phase.GROKKING);
    assertThat(RATIO.classify(RunStatus.COMPLETED, 500, 999)).isEqualTo(Phase.COMPREHENSION);
    assertThat(PhaseRule.ratio(0.9, 1.5).classify(RunStatus.COMPLETED, 10, 15))
        .isEqualTo(Phase.GROKKING);
  }

  @Test
  void simultaneousMilestonesAreComprehensionEvenAtStepZero() {
    assertThat(RATIO.classify(RunStatus.COMPLETED, 300, 300)).isEqualTo(Phase.COMPREHENSION);
    // 0 ≥ 2 · 0 holds, yet nothing was delayed
    assertThat(RATIO.classify(RunStatus.COMPLETED, 0, 0)).isEqualTo(Phase.COMPREHENSION);
    assertThat(RATIO.classify(RunStatus.COMPLETED, 0, 10)).isEqualTo(Phase.GROKKING);
  }

  @Test
  void missingMilestonesAndFailuresAreAsUnderTheGapRule() {
    for (PhaseRule rule : new PhaseRule[] {RATIO, PhaseRule.defaults()}) {
      assertThat(rule.classify(RunStatus.COMPLETED, 100, null)).isEqualTo(Phase.MEMORIZATION);
      assertThat(rule.classify(RunStatus.COMPLETED, null, null)).isEqualTo(Phase.CONFUSION);
      assertThat(rule.classify(RunStatus.COMPLETED, null, 100)).isEqualTo(Phase.COMPREHENSION);
      assertThat(rule.classify(RunStatus.COMPLETED, 2000, 100)).isEqualTo(Phase.COMPREHENSION);
      assertThat(rule.classify(RunStatus.FAILED, 10, 1000)).isEqualTo(Phase.FAILED);
    }
  }

  @Test
  void theTwoArgumentRuleAndTheDefaultsAreTheGapRule() {
    assertThat(new PhaseRule(0.9, 500).kind()).isEqualTo(PhaseRule.Kind.GAP);
    assertThat(PhaseRule.defaults().kind()).isEqualTo(PhaseRule.Kind.GAP);
    assertThat(PhaseRule.defaults().gapOrNull()).isEqualTo(1000L);
    assertThat(PhaseRule.defaults().ratioOrNull()).isNull();
    assertThat(RATIO.gapOrNull()).isNull();
    assertThat(RATIO.ratioOrNull()).isEqualTo(2.0);
    assertThat(PhaseRule.Kind.RATIO.key()).isEqualTo("ratio");
  }

  @Test
  void describeNamesTheRuleAndItsParameters() {
    assertThat(PhaseRule.defaults().describe()).isEqualTo("milestones at accuracy ≥ 0.9;"
        + " grokking when t_test − t_train ≥ 1000 steps (threshold 0.9, gap 1000 steps)");
    assertThat(PhaseRule.ratio(0.95, 2.5).describe()).isEqualTo("milestones at accuracy ≥ 0.95;"
        + " grokking when t_test ≥ 2.5 × t_train (threshold 0.95, ratio 2.5)");
  }

  @ParameterizedTest
  @ValueSource(doubles = {1.0, 0.5, 0, -2, Double.NaN, Double.POSITIVE_INFINITY})
  void rejectsRatiosNotAboveOne(double ratio) {
    assertThatThrownBy(() -> PhaseRule.ratio(0.9, ratio))
        .isInstanceOf(ConfigException.class)
        .hasMessage("analysis.phase-ratio: must be a finite number > 1, found " + ratio)
        .extracting(e -> ((ConfigException) e).key()).isEqualTo(PhaseRule.RATIO_KEY);
  }

  @ParameterizedTest
  @ValueSource(doubles = {1.0000001, 1.5, 2, 10})
  void acceptsRatiosAboveOne(double ratio) {
    assertThat(PhaseRule.ratio(0.9, ratio).ratio()).isEqualTo(ratio);
  }
}
