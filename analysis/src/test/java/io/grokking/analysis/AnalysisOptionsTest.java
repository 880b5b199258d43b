package io.grokking.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokking.analysis.phase.PhaseRule;
import io.grokking.trainer.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnalysisOptionsTest {
  @Test
  void defaultsShowNoNamedRunAndDuplicatesCollapse() {
    assertThat(AnalysisOptions.of(PhaseRule.defaults()).runs()).isEmpty();
    assertThat(new AnalysisOptions(PhaseRule.defaults(), List.of("a1", "b_2", "a1")).runs())
        .containsExactly("a1", "b_2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "a b", "../x", "<b>", "a,b"})
  void runIdsThatAreNotIdsAreRejected(String id) {
    assertThatThrownBy(() -> new AnalysisOptions(PhaseRule.defaults(), List.of(id)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--runs: must be a comma-separated list of run ids")
        .hasMessageEndingWith("found '" + id + "'");
  }

  @Test
  void defaultAxesAreWeightDecayAcrossAndFractionUpWithoutLossMilestones() {
    AnalysisOptions options = AnalysisOptions.of(PhaseRule.defaults());
    assertThat(options.x()).isEqualTo("sweep.weight-decays");
    assertThat(options.y()).isEqualTo("sweep.train-fractions");
    assertThat(options.lossMilestones()).isEmpty();
    assertThat(new AnalysisOptions(PhaseRule.defaults(), List.of("a")).x())
        .isEqualTo("sweep.weight-decays");
  }

  @Test
  void axesMayBeAnySettingButTheSeed() {
    AnalysisOptions options = new AnalysisOptions(PhaseRule.defaults(), List.of(),
        "train.learning-rate", "task.operation", List.of(1.0, 0.5, 1.0));
    assertThat(options.x()).isEqualTo("train.learning-rate");
    assertThat(options.lossMilestones()).containsExactly(1.0, 0.5);
    assertThat(AnalysisOptions.axisKeys()).contains("sweep.moduli", "task.label-noise")
        .doesNotContain("sweep.seeds");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sweep.seeds", "train.learning_rate", "lr", "", "analysis.x"})
  void axesThatAreNotSettingsAreRejectedNamingTheAllowedKeys(String key) {
    assertThatThrownBy(() -> new AnalysisOptions(PhaseRule.defaults(), List.of(), key,
        "sweep.train-fractions", List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("analysis.x: must be one of sweep.moduli, sweep.weight-decays,")
        .hasMessageContaining("train.learning-rate", "task.operation")
        .hasMessageEndingWith("found '" + key + "'")
        .extracting(e -> ((ConfigException) e).key()).isEqualTo("analysis.x");
    assertThatThrownBy(() -> new AnalysisOptions(PhaseRule.defaults(), List.of(),
        "sweep.weight-decays", key, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("analysis.y: must be one of ")
        .hasMessageEndingWith("found '" + key + "'");
  }

  @Test
  void axesMustDiffer() {
    assertThatThrownBy(() -> new AnalysisOptions(PhaseRule.defaults(), List.of(),
        "train.learning-rate", "train.learning-rate", List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("analysis.y: must be a different setting than analysis.x"
            + " (train.learning-rate), found 'train.learning-rate'");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
  void lossMilestonesMustBeFiniteAndPositive(double level) {
    assertThatThrownBy(() -> new AnalysisOptions(PhaseRule.defaults(), List.of(),
        "sweep.weight-decays", "sweep.train-fractions", List.of(1.0, level)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("analysis.loss-milestones: must be a list of finite numbers > 0, found "
            + level);
  }
}
