package io.grokking.sweep.spark;

import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.run.Faults;
import io.grokking.trainer.run.RunOutcome;
import java.io.Serializable;

/**
 * What a Spark task does with its run. Production code trains ({@link SweepJob#training()});
 * tests inject something trivial to exercise the fan-out without DL4J.
 */
@FunctionalInterface
public interface RunFunction extends Serializable {
  /**
   * @param attempt a name unique to this task attempt, so retries stage their files apart
   */
  RunOutcome run(RunSpec spec, String outDir, String attempt);

  /**
   * As above with fault injection ({@link FaultInjection}). Functions that do not train only
   * honour the {@code start} point; the training function passes every point to the trainer.
   */
  default RunOutcome run(RunSpec spec, String outDir, String attempt, Faults faults) {
    faults.reach(Faults.Point.START);
    return run(spec, outDir, attempt);
  }
}
