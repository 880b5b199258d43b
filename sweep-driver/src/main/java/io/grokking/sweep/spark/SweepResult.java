package io.grokking.sweep.spark;

import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.train.RunOutcome;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcomes of one sweep invocation and how long it took.
 *
 * @param wallSeconds wall time of the Spark job, from submission to the last outcome collected
 * @param parallelism task slots the job could use (default parallelism / task cpus)
 */
public record SweepResult(List<RunOutcome> outcomes, double wallSeconds, int parallelism) {
  public SweepResult {
    outcomes = List.copyOf(outcomes);
  }

  /** Runs trained now (not skipped) by status, in {@link RunStatus} order. */
  public Map<RunStatus, Long> countsByStatus() {
    Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
    for (RunStatus s : RunStatus.values()) {
      counts.put(s, outcomes.stream().filter(o -> !o.skipped() && o.status() == s).count());
    }
    return counts;
  }

  public long skipped() {
    return outcomes.stream().filter(RunOutcome::skipped).count();
  }

  public List<RunOutcome> failures() {
    return outcomes.stream().filter(RunOutcome::isFailure).toList();
  }

  public boolean anyFailed() {
    return outcomes.stream().anyMatch(RunOutcome::isFailure);
  }

  /** Σ steps over the runs trained now: the unit of work of a sweep. */
  public long modelSteps() {
    return outcomes.stream().filter(o -> !o.skipped()).mapToLong(RunOutcome::stepsRun).sum();
  }

  /**
   * Share of the task slots' wall time not spent in training steps: 1 − Σ trainSeconds /
   * (wall × parallelism). It counts evaluation, writing, scheduling and idle slots alike.
   */
  public double outsideTrainingShare() {
    double capacity = wallSeconds * parallelism;
    if (capacity <= 0) {
      return 0;
    }
    double training = outcomes.stream().mapToDouble(RunOutcome::trainSeconds).sum();
    return Math.max(0, 1 - training / capacity);
  }
}
