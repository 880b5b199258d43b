package io.grokking.trainer.run;

import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.output.UnwritableOutput;
import java.io.Serializable;

/**
 * What one run reports back to the sweep driver. The full record is the run's result file; this is
 * the small summary the driver needs for progress, the final summary and the sweep benchmark.
 *
 * @param skipped true when the run was already committed and nothing was trained
 * @param trainSeconds wall time inside training steps
 * @param evalSeconds wall time inside test evaluation and mechanistic measures
 * @param totalSeconds wall time of the whole run, including writing and committing its files
 * @param ending what became of this attempt's files
 * @param unwritable why the output could not be written, when {@code ending} is {@link
 *     Ending#UNWRITABLE} or {@link Ending#NOT_STARTED}; null otherwise
 */
public record RunOutcome(String runId, int modulus, double weightDecay, double trainFraction,
    long seed, RunStatus status, int stepsRun, String message, double finalTrainAcc,
    double finalTestAcc, double trainSeconds, double evalSeconds, double totalSeconds,
    boolean skipped, Ending ending, UnwritableOutput.Reason unwritable) implements Serializable {

  /** What became of an attempt's files. */
  public enum Ending {
    /** This attempt committed the run (or, when skipped, an earlier one had). */
    COMMITTED,
    /** The run trained, but another attempt committed it first; this one's files were dropped. */
    COMMITTED_ELSEWHERE,
    /** A write was refused for good ({@link UnwritableOutput}): nothing was committed. */
    UNWRITABLE,
    /** Not started, since an earlier attempt of the sweep found the output unwritable. */
    NOT_STARTED
  }

  /** An outcome whose attempt committed the run (or found it committed, when skipped). */
  public RunOutcome(String runId, int modulus, double weightDecay, double trainFraction,
      long seed, RunStatus status, int stepsRun, String message, double finalTrainAcc,
      double finalTestAcc, double trainSeconds, double evalSeconds, double totalSeconds,
      boolean skipped) {
    this(runId, modulus, weightDecay, trainFraction, seed, status, stepsRun, message,
        finalTrainAcc, finalTestAcc, trainSeconds, evalSeconds, totalSeconds, skipped,
        Ending.COMMITTED, null);
  }

  public boolean isFailure() {
    return status == RunStatus.FAILED || status == RunStatus.DIVERGED;
  }

  /** This outcome with {@code ending} instead. */
  public RunOutcome withEnding(Ending newEnding) {
    return new RunOutcome(runId, modulus, weightDecay, trainFraction, seed, status, stepsRun,
        message, finalTrainAcc, finalTestAcc, trainSeconds, evalSeconds, totalSeconds, skipped,
        newEnding, unwritable);
  }
}
