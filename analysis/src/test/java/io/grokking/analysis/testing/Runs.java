package io.grokking.analysis.testing;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.trainer.config.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made classified runs for tests of rendering and reporting, which need no Spark. */
public final class Runs {
  private Runs() {}

  private static int counter;

  /** The last recorded step of every run that did not fail. */
  public static final int LAST_STEP = 2990;

  /**
   * A run with the given coordinates, phase and delay; other fields plausible. Runs reaching the
   * train milestone do so at step 400, so a memorization run is censored with lower bound 2590.
   */
  public static RunRecord of(int modulus, double weightDecay, double trainFraction, long seed,
      Phase phase, Integer delay) {
    boolean failed = phase == Phase.FAILED;
    // boxed on purpose: a ternary mixing int and null unboxes and throws
    Integer tTrain = delay != null || phase == Phase.MEMORIZATION ? Integer.valueOf(400) : null;
    Integer tTest = delay == null ? null : Integer.valueOf(400 + delay);
    Integer lastStep = failed ? null : Integer.valueOf(LAST_STEP);
    return new RunRecord("run" + (counter++), modulus, weightDecay, trainFraction, seed,
        failed ? "failed" : "completed", failed ? 0 : 3000, 3000, tTrain, tTest, tTrain, tTest,
        null, null, failed ? null : 0.99, failed ? null : 0.5, phase, tTrain, tTest, delay,
        PhaseRule.delayLowerBound(tTrain, tTest, lastStep), 0.9, 1000L, lastStep,
        failed ? null : 12.5, failed ? null : 0.5, failed ? null : 0.125,
        failed ? null : "1,3", failed ? null : "k=1:n=9:R=0.10;k=3:n=7:R=0.20",
        failed ? "boom <b>" : null, "cfg", "gap", null,
        settings(modulus, weightDecay, trainFraction, seed), List.of());
  }

  /** The settings of a run at these grid coordinates, the others at their defaults. */
  public static Map<String, String> settings(int modulus, double weightDecay,
      double trainFraction, long seed) {
    return Settings.parse("p=" + modulus + ";wd=" + weightDecay + ";frac=" + trainFraction
        + ";seed=" + seed);
  }

  /** A copy of {@code run} with some settings changed. */
  public static RunRecord with(RunRecord run, Map<String, String> changed) {
    Map<String, String> settings = new LinkedHashMap<>(run.settings());
    settings.putAll(changed);
    return new RunRecord(run.runId(), run.modulus(), run.weightDecay(), run.trainFraction(),
        run.seed(), run.status(), run.stepsRun(), run.stepsBudget(), run.tTrain90(),
        run.tTest90(), run.tTrain95(), run.tTest95(), run.tTrain99(), run.tTest99(),
        run.finalTrainAcc(), run.finalTestAcc(), run.phase(), run.tTrainPhase(),
        run.tTestPhase(), run.delay(), run.delayLowerBound(), run.phaseThreshold(),
        run.phaseGap(), run.lastStep(), run.finalWeightNorm(), run.lotteryTicketHitRate(),
        run.lotteryTicketChance(), run.keyFrequencies(), run.majorityVoting(), run.message(),
        run.config(), run.phaseRule(), run.phaseRatio(), settings, run.lossMilestones());
  }
}
