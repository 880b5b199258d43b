package io.grokking.sweep.spark;

import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.output.UnwritableOutput;
import io.grokking.trainer.run.RunOutcome;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcomes of one sweep invocation and how long it took.
 *
 * @param wallSeconds wall time of the Spark job, from submission to the last outcome collected
 * @param parallelism task slots the job could use (default parallelism / task cpus)
 * @param retried task attempts that ended without an outcome and were retried (injected faults,
 *     runs that threw, lost executors)
 */
public record SweepResult(List<RunOutcome> outcomes, double wallSeconds, int parallelism,
    int retried) {
  public SweepResult {
    outcomes = List.copyOf(outcomes);
  }

  public SweepResult(List<RunOutcome> outcomes, double wallSeconds, int parallelism) {
    this(outcomes, wallSeconds, parallelism, 0);
  }

  /**
   * This result followed by {@code later}'s, as one: the outcomes of both, their wall times
   * added (the jobs ran one after the other), the larger parallelism.
   */
  public SweepResult plus(SweepResult later) {
    List<RunOutcome> all = new java.util.ArrayList<>(outcomes);
    all.addAll(later.outcomes);
    return new SweepResult(all, wallSeconds + later.wallSeconds,
        Math.max(parallelism, later.parallelism), retried + later.retried);
  }

  /** Runs whose outcome this invocation committed: trained now, not skipped. */
  public long trainedNow() {
    return outcomes.stream().filter(o -> !o.skipped()
        && o.ending() == RunOutcome.Ending.COMMITTED).count();
  }

  /** Runs trained now whose commit another attempt (another driver) had made first. */
  public long committedElsewhere() {
    return count(RunOutcome.Ending.COMMITTED_ELSEWHERE);
  }

  /** Why the output could not be written, if an attempt found so. */
  public Optional<UnwritableOutput.Reason> unwritable() {
    return outcomes.stream().filter(o -> o.ending() == RunOutcome.Ending.UNWRITABLE)
        .map(RunOutcome::unwritable).findFirst();
  }

  /** Attempts that met the unwritable output. */
  public long unwritableAttempts() {
    return count(RunOutcome.Ending.UNWRITABLE);
  }

  /** Runs not started because the output had been found unwritable. */
  public long notStarted() {
    return count(RunOutcome.Ending.NOT_STARTED);
  }

  private long count(RunOutcome.Ending ending) {
    return outcomes.stream().filter(o -> o.ending() == ending).count();
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
   * Task slots the runs could keep busy: the job's slots, or fewer when there are fewer runs, so
   * a one-run sweep on two cores is not charged for the core it could never use.
   */
  public int usableSlots() {
    long trained = outcomes.stream().filter(o -> !o.skipped()).count();
    return (int) Math.max(1, Math.min(parallelism, trained));
  }

  /**
   * Where the usable slots' wall time went (wall × usable slots): training steps, evaluation and
   * mechanistic measures, the rest of each run (building the network, writing and committing
   * Parquet), and what no run accounts for (Spark scheduling, task start-up, idle slots at the
   * tail). The four shares add up to 1.
   */
  public record TimeShares(double training, double evaluation, double runOverhead,
      double scheduling) {
    public double outsideTraining() {
      return 1 - training;
    }
  }

  public TimeShares timeShares() {
    double capacity = wallSeconds * usableSlots();
    if (capacity <= 0) {
      return new TimeShares(0, 0, 0, 0);
    }
    double train = 0;
    double eval = 0;
    double total = 0;
    for (RunOutcome o : outcomes) {
      train += o.trainSeconds();
      eval += o.evalSeconds();
      total += o.totalSeconds();
    }
    double training = Math.min(1, train / capacity);
    double evaluation = Math.min(1 - training, eval / capacity);
    double runOverhead = Math.min(1 - training - evaluation, Math.max(0, total - train - eval)
        / capacity);
    return new TimeShares(training, evaluation, runOverhead,
        Math.max(0, 1 - training - evaluation - runOverhead));
  }

  /** Share of the usable slots' wall time not spent in training steps. */
  public double outsideTrainingShare() {
    return timeShares().outsideTraining();
  }
}
