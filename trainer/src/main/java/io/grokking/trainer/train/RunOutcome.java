package io.grokking.trainer.train;

import io.grokking.trainer.metrics.RunStatus;
import java.io.Serializable;

/**
 * What one run reports back to the sweep driver. The full record is the run's result file; this is
 * the small summary the driver needs for progress, the final summary and the sweep benchmark.
 *
 * @param skipped true when the run was already committed and nothing was trained
 * @param trainSeconds wall time inside training steps
 * @param evalSeconds wall time inside test evaluation and mechanistic measures
 * @param totalSeconds wall time of the whole run, including writing and committing its files
 */
public record RunOutcome(String runId, int modulus, double weightDecay, double trainFraction,
    long seed, RunStatus status, int stepsRun, String message, double finalTrainAcc,
    double finalTestAcc, double trainSeconds, double evalSeconds, double totalSeconds,
    boolean skipped) implements Serializable {

  public boolean isFailure() {
    return status == RunStatus.FAILED || status == RunStatus.DIVERGED;
  }
}
