package io.grokking.sweep.reproduce;

import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.phase.PhaseRule;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.Precision;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.task.ModularTask;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.model.mlp.MlpFamily;
import io.grokking.trainer.model.mlp.ModularMlp;
import io.grokking.trainer.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real runs (p = 23, width 64) trained with {@code train.stop-when = phase-settled} get the phase
 * of the full run under the default rule: the rows a settled run records are the full run's up to
 * its stop, and by then both milestones of the rule are among them.
 */
class SettledPhaseTest {
  private static final PhaseRule RULE = PhaseRule.defaults();
  /** The default stop: test accuracy 0.99 held over 1000 steps, which these runs never reach. */
  private static final TrainConfig FULL = new TrainConfig(64, 1e-2, 1500, Activation.RELU,
      Encoding.SUM, 50, 10, 0.9, 0.98, 1e-8, 0.1, Precision.FLOAT32, true, 0.99, 1000, 1, 0);

  private record Run(Trainer.Result result, List<StepMetrics> rows) {
    Integer first(boolean train, double threshold) {
      return rows.stream().filter(r -> train || r.evaluated())
          .filter(r -> (train ? r.trainAcc() : r.testAcc()) >= threshold)
          .map(StepMetrics::step).findFirst().orElse(null);
    }

    Phase phase() {
      return RULE.classify(result.status(), first(true, RULE.threshold()),
          first(false, RULE.threshold()));
    }
  }

  private static Run train(double weightDecay, double fraction, TrainConfig t) throws Exception {
    RunSpec spec = new RunSpec(23, weightDecay, fraction, 1, t);
    List<StepMetrics> rows = new ArrayList<>();
    Trainer.Result result = new Trainer(spec, MlpFamily.model(spec, ModularMlp.create(spec)),
        ModularTask.split(23, fraction, 1)).run(rows::add, null);
    return new Run(result, rows);
  }

  @Test
  void aSettledComprehensionRunStopsEarlyWithItsOwnStatusAndTheFullRunsPhase() throws Exception {
    Run full = train(1.0, 0.8, FULL);
    Run settled = train(1.0, 0.8, FULL.settling(RULE.threshold(), 300));

    assertThat(full.result().status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(full.phase()).isEqualTo(Phase.COMPREHENSION);
    assertThat(settled.result().status()).isEqualTo(RunStatus.SETTLED);
    int stop = settled.result().stepsRun();
    assertThat(stop).isLessThan(FULL.steps());
    assertThat(settled.rows()).containsExactlyElementsOf(full.rows().subList(0, stop + 1));
    assertThat(settled.phase()).isEqualTo(full.phase());
    assertThat(settled.first(false, RULE.threshold()))
        .isEqualTo(full.first(false, RULE.threshold())).isLessThanOrEqualTo(stop - 300);
  }

  /**
   * A run whose test accuracy passes the phase threshold and falls back below it for good never
   * holds it over the window: it trains its whole budget, status completed, and its t_test is
   * still the first crossing, so its phase is that of the same run without phase-settled.
   */
  @Test
  void aRunThatFallsBackBelowThePhaseThresholdTrainsItsWholeBudget() throws Exception {
    Run settled = train(2.0, 0.8, FULL.settling(RULE.threshold(), 100));

    Integer tTest = settled.first(false, RULE.threshold());
    assertThat(tTest).as("passes the threshold").isNotNull();
    assertThat(settled.rows()).filteredOn(StepMetrics::evaluated)
        .filteredOn(r -> r.step() > tTest && r.step() <= tTest + 100)
        .as("falls back within the window").anyMatch(r -> r.testAcc() < RULE.threshold());
    assertThat(settled.result().status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(settled.result().stepsRun()).isEqualTo(FULL.steps());
    assertThat(settled.phase()).isEqualTo(Phase.COMPREHENSION);
  }
}
