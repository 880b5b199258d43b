package io.grokking.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.model.mlp.MlpFamily;
import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.model.mlp.ModularMlp;
import io.grokking.trainer.task.ModularTask;
import org.junit.jupiter.api.Test;

/**
 * The sweep's summary splits wall time by the trainer's clocks, so those clocks must charge each
 * part to its own account: recording rows belongs to neither training nor evaluation.
 */
class TimeAccountingTest {

  @Test
  void timeSpentInTheSinkAndTheProbeIsNotChargedToTraining() throws Exception {
    RunSpec spec = TestRuns.spec(7, 1.0, 0.5, 0, TestRuns.train(8, 1e-2, 4, 2));
    Trainer trainer = new Trainer(spec, MlpFamily.model(spec, ModularMlp.create(spec)), ModularTask.split(7, 0.5, 0));
    long sleepMillis = 150;

    // 5 rows of 150 ms in the sink, 3 evaluations of 150 ms in the probe; a step of this
    // 7-class, 8-neuron network takes well under a millisecond.
    Trainer.Result result = trainer.run(row -> Thread.sleep(sleepMillis), (row, logits) -> {
      try {
        Thread.sleep(sleepMillis);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return row;
    });

    assertThat(result.stepsRun()).isEqualTo(4);
    assertThat(result.trainSeconds()).isLessThan(sleepMillis / 1000.0);
    assertThat(result.evalSeconds()).isGreaterThanOrEqualTo(3 * sleepMillis / 1000.0)
        .isLessThan(4 * sleepMillis / 1000.0);
  }
}
