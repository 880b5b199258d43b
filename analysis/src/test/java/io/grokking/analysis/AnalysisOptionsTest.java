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
}
