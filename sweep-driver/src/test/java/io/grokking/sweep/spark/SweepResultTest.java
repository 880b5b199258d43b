package io.grokking.sweep.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.run.RunOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepResultTest {
  private static RunOutcome run(RunStatus status, int steps, double trainSeconds, boolean skipped) {
    return new RunOutcome("id", 7, 1.0, 0.5, 0, status, steps, null, 1, 1, trainSeconds, 0, 0,
        skipped);
  }

  @Test
  void shareOutsideTrainingIsOneMinusTrainingOverSlotTime() {
    SweepResult r = new SweepResult(List.of(run(RunStatus.COMPLETED, 100, 30, false),
        run(RunStatus.GENERALIZED, 50, 10, false)), 25, 2);
    assertThat(r.outsideTrainingShare()).isEqualTo(1 - 40.0 / 50.0);
    assertThat(r.modelSteps()).isEqualTo(150);
  }

  @Test
  void timeSharesSplitSlotTimeIntoTrainingEvaluationRunOverheadAndScheduling() {
    RunOutcome a = new RunOutcome("a", 7, 1.0, 0.5, 0, RunStatus.COMPLETED, 100, null, 1, 1, 30, 5,
        38, false);
    RunOutcome b = new RunOutcome("b", 7, 1.0, 0.5, 1, RunStatus.COMPLETED, 100, null, 1, 1, 10, 1,
        12, false);
    SweepResult r = new SweepResult(List.of(a, b), 25, 2);
    SweepResult.TimeShares shares = r.timeShares();
    assertThat(shares.training()).isEqualTo(40.0 / 50);
    assertThat(shares.evaluation()).isEqualTo(6.0 / 50);
    assertThat(shares.runOverhead()).isCloseTo(4.0 / 50, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(shares.scheduling()).isCloseTo(0.0, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void aSweepWithFewerRunsThanSlotsIsChargedOnlyForTheSlotsItCouldUse() {
    SweepResult r = new SweepResult(List.of(run(RunStatus.COMPLETED, 100, 9, false)), 10, 4);
    assertThat(r.usableSlots()).isEqualTo(1);
    assertThat(r.outsideTrainingShare()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void skippedRunsAddNoStepsAndNoStatusCount() {
    SweepResult r = new SweepResult(List.of(run(RunStatus.COMPLETED, 100, 0, true),
        run(RunStatus.DIVERGED, 40, 5, false)), 10, 1);
    assertThat(r.modelSteps()).isEqualTo(40);
    assertThat(r.skipped()).isEqualTo(1);
    assertThat(r.countsByStatus()).containsEntry(RunStatus.COMPLETED, 0L)
        .containsEntry(RunStatus.DIVERGED, 1L);
    assertThat(r.anyFailed()).isTrue();
  }

  @Test
  void etaScalesElapsedByRemainingOverTrainedRuns() {
    Progress p = new Progress(10, 4, 2, 0, 1, 2, 0, Duration.ofSeconds(60));
    assertThat(p.eta()).contains(Duration.ofSeconds(180));
    assertThat(new Progress(10, 2, 2, 0, 0, 2, 0, Duration.ofSeconds(5)).eta()).isEmpty();
  }
}
