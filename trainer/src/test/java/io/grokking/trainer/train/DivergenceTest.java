package io.grokking.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.model.mlp.MlpFamily;
import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.model.mlp.ModularMlp;
import io.grokking.trainer.task.ModularTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What learning rate 10 really does in float32. Adam's steps are bounded by the learning rate, so
 * without weight decay the loss stays finite; with decoupled weight decay λ = 1 the factor
 * (1 − lr·λ) = −9 per step grows the weights geometrically until the logits overflow.
 */
class DivergenceTest {
  private static Trainer.Result train(RunSpec spec, List<StepMetrics> rows) throws Exception {
    ModularTask data = ModularTask.split(spec.modulus(), spec.trainFraction(), spec.seed());
    return new Trainer(spec, MlpFamily.model(spec, ModularMlp.create(spec)), data).run(rows::add, null);
  }

  @Test
  void learningRateTenWithWeightDecayOneDivergesAndStops() throws Exception {
    RunSpec spec = TestRuns.spec(11, 1.0, 0.5, 0, TestRuns.train(32, 10, 200, 10));
    List<StepMetrics> rows = new ArrayList<>();

    Trainer.Result r = train(spec, rows);

    assertThat(r.status()).isEqualTo(RunStatus.DIVERGED);
    assertThat(r.stepsRun()).isLessThan(50);
    assertThat(r.message()).contains("at step " + r.stepsRun());
    assertThat(rows).hasSize(r.stepsRun() + 1);
    assertThat(rows.get(rows.size() - 1).trainLoss()).isNaN();
  }

  @Test
  void learningRateTenWithoutWeightDecayStaysFinite() throws Exception {
    RunSpec spec = TestRuns.spec(11, 0.0, 0.5, 0, TestRuns.train(32, 10, 200, 10));
    List<StepMetrics> rows = new ArrayList<>();

    Trainer.Result r = train(spec, rows);

    assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(rows).allSatisfy(m -> assertThat(m.trainLoss()).isFinite());
  }
}
