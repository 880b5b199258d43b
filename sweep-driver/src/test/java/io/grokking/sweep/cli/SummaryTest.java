package io.grokking.sweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.sweep.spark.SweepResult;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.output.UnwritableOutput;
import io.grokking.trainer.run.RunOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary keeps runs trained now apart from those another attempt committed first. */
class SummaryTest {
  private static RunOutcome outcome(String id, RunOutcome.Ending ending) {
    return new RunOutcome(id, 7, 1.0, 0.5, 0, RunStatus.COMPLETED, 10, null, 1, 1, 1, 0, 1,
        false).withEnding(ending);
  }

  private static String print(SweepResult result, int committedBefore) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Summary.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), result, committedBefore,
        null, List.of("log: /out/logs/sweep-1.log"));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aRunAnotherAttemptCommittedFirstIsNotCountedAsTrainedNow() {
    SweepResult result = new SweepResult(List.of(outcome("a", RunOutcome.Ending.COMMITTED),
        outcome("b", RunOutcome.Ending.COMMITTED_ELSEWHERE)), 2, 2, 3);

    assertThat(print(result, 1)).contains("3 runs, 1 trained now, 1 trained but another attempt"
        + " committed first, 1 committed earlier", "3 attempts ended without a result and were"
        + " retried", "  log: /out/logs/sweep-1.log");
    assertThat(print(new SweepResult(List.of(outcome("a", RunOutcome.Ending.COMMITTED)), 1, 2),
        0)).contains("1 runs, 1 trained now, 0 committed earlier\n").doesNotContain("another",
        "retried");
  }

  @Test
  void anUnwritableDirectorySaysWhatStoppedAndTheOneMessageHasTheCounts() {
    RunOutcome stopped = new RunOutcome("b", 7, 1.0, 0.5, 0, null, 0, "x", 1, 1, 0, 0, 0, false,
        RunOutcome.Ending.UNWRITABLE, UnwritableOutput.Reason.QUOTA);
    RunOutcome notStarted = new RunOutcome("c", 7, 1.0, 0.5, 0, null, 0, "x", 1, 1, 0, 0, 0,
        false, RunOutcome.Ending.NOT_STARTED, UnwritableOutput.Reason.QUOTA);
    SweepResult result = new SweepResult(List.of(outcome("a", RunOutcome.Ending.COMMITTED),
        stopped, notStarted), 1, 1);

    assertThat(print(result, 0)).contains("3 runs, 1 trained now, 0 committed earlier, 2 not"
        + " committed", "disk quota exceeded: 1 attempt stopped, 1 run not started, none retried");
    assertThat(Summary.unwritable(UnwritableOutput.Reason.QUOTA, "/out", 1, 3)).isEqualTo(
        "disk quota exceeded under /out: 1 of 3 runs committed; free space or raise the quota"
            + " and run the same command again to resume");
  }
}
