package io.grokking.sweep.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.sweep.config.ConfigLoader;
import io.grokking.sweep.config.SweepConfig;
import io.grokking.trainer.config.RunSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class GridExpanderTest {
  private static SweepConfig grid(String moduli, String decays, String fractions, String seeds) {
    return ConfigLoader.parse("train.steps = 20", "test", List.of("sweep.moduli=" + moduli,
        "sweep.weight-decays=" + decays, "sweep.train-fractions=" + fractions,
        "sweep.seeds=" + seeds));
  }

  @Test
  void expandsTheFullProductModulusOutermostSeedInnermost() {
    List<RunSpec> runs = GridExpander.expand(grid("[7, 11]", "[0, 1]", "[0.3, 0.5, 0.7]", "[0, 1]"));

    assertThat(runs).hasSize(2 * 2 * 3 * 2);
    assertThat(runs.get(0)).extracting(RunSpec::modulus, RunSpec::weightDecay,
        RunSpec::trainFraction, RunSpec::seed).containsExactly(7, 0.0, 0.3, 0L);
    assertThat(runs.get(1)).extracting(RunSpec::seed).isEqualTo(1L);
    assertThat(runs.get(2)).extracting(RunSpec::trainFraction).isEqualTo(0.5);
    assertThat(runs.get(6)).extracting(RunSpec::weightDecay).isEqualTo(1.0);
    assertThat(runs.get(12)).extracting(RunSpec::modulus).isEqualTo(11);
    assertThat(runs).extracting(RunSpec::runId).doesNotHaveDuplicates();
  }

  @Test
  void runIdsDoNotDependOnListOrder() {
    List<RunSpec> forward = GridExpander.expand(grid("[7, 11]", "[0, 1]", "[0.3, 0.5]", "[0, 1]"));
    List<RunSpec> backward = GridExpander.expand(grid("[11, 7]", "[1, 0]", "[0.5, 0.3]", "[1, 0]"));

    assertThat(backward).extracting(RunSpec::runId)
        .containsExactlyInAnyOrderElementsOf(forward.stream().map(RunSpec::runId).toList());
    assertThat(backward.get(0).runId()).isEqualTo(forward.get(forward.size() - 1).runId());
  }

  @Test
  void valuesListedTwiceYieldOneRun() {
    List<RunSpec> runs = GridExpander.expand(grid("[7, 7]", "[1.0, 1]", "[0.5]", "[0, 0, 1]"));
    assertThat(runs).hasSize(2);
  }

  @Test
  void expansionIsStableAcrossCalls() {
    SweepConfig c = grid("[7, 11]", "[0, 1]", "[0.3]", "[0]");
    assertThat(GridExpander.expand(c)).isEqualTo(GridExpander.expand(c));
  }
}
