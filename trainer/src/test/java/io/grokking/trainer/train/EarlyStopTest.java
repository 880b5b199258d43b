package io.grokking.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.metrics.RunStatus;
import org.junit.jupiter.api.Test;

/**
 * The early-stop rules on scripted test accuracies, one per evaluation every 100 steps: no
 * training, just the streak and the window.
 */
class EarlyStopTest {
  /** Generalized at 0.99 over 300 steps; phase-settled at 0.9 over 300 steps. */
  private static final TrainConfig GENERALIZED =
      TestRuns.stopping(TestRuns.train(8, 1e-3, 2000, 100), 0.99, 300);
  private static final TrainConfig SETTLING = GENERALIZED.settling(0.9, 300);

  /** The step at which {@code rule} stops on these accuracies at steps 0, 100, 200, …; −1 if none. */
  private static int stopStep(TrainConfig rule, double... testAcc) {
    EarlyStop stop = new EarlyStop(rule, -1);
    for (int i = 0; i < testAcc.length; i++) {
      if (stop.evaluated(i * 100, testAcc[i])) {
        return i * 100;
      }
    }
    return -1;
  }

  @Test
  void aPhaseSettledRunStopsOnceTestAccuracyHeldThePhaseThresholdOverTheWindow() {
    // reaches 0.9 at 200 and stays (below 0.99): settled at 200 + 300, never generalized
    double[] comprehension = {0.1, 0.5, 0.91, 0.95, 0.96, 0.97, 0.97, 0.98, 0.97, 0.98};
    assertThat(stopStep(SETTLING, comprehension)).isEqualTo(500);
    assertThat(stopStep(GENERALIZED, comprehension)).isEqualTo(-1);
  }

  @Test
  void exactlyAtTheThresholdCountsAndTheWindowIsInclusive() {
    assertThat(stopStep(SETTLING, 0.2, 0.9, 0.9, 0.9, 0.9)).isEqualTo(400);
    assertThat(stopStep(SETTLING, 0.2, 0.9, 0.9, 0.9)).isEqualTo(-1);
  }

  @Test
  void aRunThatFallsBackBelowTheThresholdStartsItsWindowOver() {
    // first at 0.9 at step 100, back below at 300, above again from 400: settled at 400 + 300
    double[] fallsBack = {0.3, 0.92, 0.93, 0.85, 0.91, 0.92, 0.94, 0.95, 0.96};
    assertThat(stopStep(SETTLING, fallsBack)).isEqualTo(700);
    EarlyStop stop = new EarlyStop(SETTLING, -1);
    stop.evaluated(0, 0.3);
    stop.evaluated(100, 0.92);
    assertThat(stop.holdingSince()).isEqualTo(100);
    stop.evaluated(200, 0.93);
    stop.evaluated(300, 0.85);
    assertThat(stop.holdingSince()).as("reset by the fall").isEqualTo(-1);
    stop.evaluated(400, 0.91);
    assertThat(stop.holdingSince()).isEqualTo(400);
  }

  @Test
  void aRunThatFallsBackForGoodTrainsItsWholeBudget() {
    assertThat(stopStep(SETTLING, 0.3, 0.92, 0.93, 0.89, 0.88, 0.89, 0.87, 0.89)).isEqualTo(-1);
  }

  @Test
  void aZeroWindowStopsAtTheFirstEvaluationAtTheThreshold() {
    assertThat(stopStep(GENERALIZED.settling(0.9, 0), 0.1, 0.5, 0.9)).isEqualTo(200);
  }

  @Test
  void theGeneralizedRuleIsUnchanged() {
    assertThat(stopStep(GENERALIZED, 0.5, 0.99, 0.995, 0.98, 0.99, 1, 1, 1)).isEqualTo(700);
    TrainConfig off = TestRuns.train(8, 1e-3, 2000, 100);
    assertThat(stopStep(off, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)).as("stop-after-grok false")
        .isEqualTo(-1);
  }

  @Test
  void eachRuleHasItsStatusAndSaysWhyItStopped() {
    EarlyStop settled = new EarlyStop(SETTLING, 200);
    assertThat(settled.evaluated(500, 0.95)).isTrue();
    assertThat(settled.status()).isEqualTo(RunStatus.SETTLED);
    assertThat(settled.message(500, 2000)).isEqualTo("phase settled: test accuracy held >= 0.9"
        + " from step 200 to 500; stopped early, 1500 steps saved");
    EarlyStop generalized = new EarlyStop(GENERALIZED, 200);
    assertThat(generalized.evaluated(500, 1.0)).isTrue();
    assertThat(generalized.status()).isEqualTo(RunStatus.GENERALIZED);
    assertThat(generalized.message(500, 2000)).isEqualTo(
        "test accuracy held >= 0.99 from step 200 to 500; stopped early, 1500 steps saved");
  }

  @Test
  void aStreakCarriedOverFromACheckpointCountsFromItsStart() {
    // as a resumed run: the streak began at 200 before the checkpoint
    EarlyStop resumed = new EarlyStop(SETTLING, 200);
    assertThat(resumed.evaluated(400, 0.95)).isFalse();
    assertThat(resumed.evaluated(500, 0.95)).isTrue();
  }
}
