package io.grokking.analysis.testing;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.phase.Phase;

/** Hand-made classified runs for tests of rendering and reporting, which need no Spark. */
public final class Runs {
  private Runs() {}

  private static int counter;

  /** A run with the given coordinates, phase and delay; other fields plausible. */
  public static RunRecord of(int modulus, double weightDecay, double trainFraction, long seed,
      Phase phase, Integer delay) {
    boolean failed = phase == Phase.FAILED;
    // boxed on purpose: a ternary mixing int and null unboxes and throws
    Integer tTrain = delay != null || phase == Phase.MEMORIZATION ? Integer.valueOf(400) : null;
    Integer tTest = delay == null ? null : Integer.valueOf(400 + delay);
    return new RunRecord("run" + (counter++), modulus, weightDecay, trainFraction, seed,
        failed ? "failed" : "completed", failed ? 0 : 3000, tTrain, tTest, tTrain, tTest, null,
        null, failed ? null : 0.99, failed ? null : 0.5, phase, tTrain, tTest, delay, 0.9, 1000,
        failed ? null : Integer.valueOf(2990), failed ? null : 12.5, null, null,
        failed ? "boom <b>" : null,
        "cfg");
  }
}
