package io.grokking.analysis.testing;

import io.grokking.trainer.metrics.RunStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * A run of a synthetic sweep: its result row and its recorded steps. Train accuracy is recorded
 * every {@code logEvery} steps, test accuracy and weight norm only on evaluation steps
 * (multiples of {@code evalEvery}), the way the trainer records them.
 */
public record SyntheticRun(String runId, int modulus, double weightDecay, double trainFraction,
    long seed, RunStatus status, int stepsRun, List<Step> steps, String message,
    Double lotteryTicketHitRate) {

  /** One recorded step; null test values mean the step was not evaluated. */
  public record Step(int step, double trainAcc, Double testAcc, Double weightNorm) {}

  /**
   * A run that recorded steps 0, logEvery, … up to {@code lastStep}, evaluating every
   * {@code evalEvery} steps, with weight norm {@code 10 + step / 100} on evaluation steps.
   */
  public static SyntheticRun curves(String runId, int modulus, double weightDecay,
      double trainFraction, long seed, int lastStep, int logEvery, int evalEvery,
      IntToDoubleFunction train, IntToDoubleFunction test) {
    List<Step> steps = new ArrayList<>();
    for (int step = 0; step <= lastStep; step += logEvery) {
      boolean eval = step % evalEvery == 0;
      steps.add(new Step(step, train.applyAsDouble(step),
          eval ? test.applyAsDouble(step) : null, eval ? 10 + step / 100.0 : null));
    }
    return new SyntheticRun(runId, modulus, weightDecay, trainFraction, seed,
        RunStatus.COMPLETED, lastStep + 1, steps, null, 0.25);
  }

  /** A failed run: a result row with a message and no metrics file. */
  public static SyntheticRun failed(String runId, int modulus, double weightDecay,
      double trainFraction, long seed, String message) {
    return new SyntheticRun(runId, modulus, weightDecay, trainFraction, seed, RunStatus.FAILED, 0,
        List.of(), message, null);
  }

  public SyntheticRun withStatus(RunStatus newStatus) {
    return new SyntheticRun(runId, modulus, weightDecay, trainFraction, seed, newStatus, stepsRun,
        steps, message, lotteryTicketHitRate);
  }

  public SyntheticRun withMessage(String newMessage) {
    return new SyntheticRun(runId, modulus, weightDecay, trainFraction, seed, status, stepsRun,
        steps, newMessage, lotteryTicketHitRate);
  }

  /** Step budget of every synthetic run, unless it ran more steps. */
  public static final int BUDGET = 3000;

  public int stepsBudget() {
    return Math.max(BUDGET, stepsRun);
  }

  /** {@code before} until {@code at}, {@code after} from it on. */
  public static IntToDoubleFunction jump(int at, double before, double after) {
    return step -> step < at ? before : after;
  }

  /** First recorded step where {@code accuracy >= level}, the reference the job must match. */
  public Integer firstStep(boolean train, double level) {
    for (Step s : steps) {
      Double acc = train ? Double.valueOf(s.trainAcc()) : s.testAcc();
      if (acc != null && acc >= level) {
        return s.step();
      }
    }
    return null;
  }
}
