package io.grokking.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.testing.Runs;
import io.grokking.trainer.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShownRunTest {
  private static final RunRecord GROK_SHORT = Runs.of(7, 1, 0.5, 1, Phase.GROKKING, 1100);
  private static final RunRecord GROK_MID = Runs.of(7, 1, 0.5, 2, Phase.GROKKING, 1500);
  private static final RunRecord GROK_LONG = Runs.of(7, 1, 0.5, 3, Phase.GROKKING, 2500);
  private static final RunRecord MEMO = Runs.of(7, 0, 0.5, 1, Phase.MEMORIZATION, null);
  private static final RunRecord FAILED = Runs.of(7, 0, 0.7, 1, Phase.FAILED, null);
  private static final RunRecord COMP = Runs.of(11, 1, 0.7, 1, Phase.COMPREHENSION, 50);
  private static final List<RunRecord> RUNS =
      List.of(GROK_LONG, MEMO, GROK_SHORT, FAILED, COMP, GROK_MID);

  @Test
  void oneTypicalRunPerPhaseInPhaseOrderAndNoneForFailures() {
    List<ShownRun> shown = ShownRun.select(RUNS, List.of(), "--runs");
    assertThat(shown).extracting(ShownRun::run).containsExactly(COMP, GROK_MID, MEMO);
    assertThat(shown).extracting(ShownRun::why).containsExactly("representative of comprehension",
        "representative of grokking", "representative of memorization");
  }

  @Test
  void namedRunsFollowOnceEvenWhenAlsoRepresentative() {
    List<ShownRun> shown = ShownRun.select(RUNS,
        List.of(FAILED.runId(), GROK_MID.runId()), "--runs");
    assertThat(shown).extracting(ShownRun::run).containsExactly(COMP, GROK_MID, MEMO, FAILED);
    assertThat(shown.get(1).why()).isEqualTo("representative of grokking, named");
    assertThat(shown.get(3).why()).isEqualTo("named");
  }

  @Test
  void anUnknownNamedRunIsRejectedWithTheOptionAndTheId() {
    assertThatThrownBy(() -> ShownRun.select(RUNS, List.of("nope"), "--runs"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--runs: must name committed runs of the sweep, found 'nope'")
        .hasMessageContaining("among its 6 runs");
  }
}
