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

/** The one real learning test: a small modulus is fitted, and with weight decay it generalizes. */
class LearningTest {

  @Test
  void smallModulusFitsAndGeneralizesWithWeightDecay() throws Exception {
    RunSpec spec = TestRuns.spec(23, 1.0, 0.7, 1, TestRuns.train(128, 3e-3, 3000, 50));
    List<StepMetrics> rows = new ArrayList<>();
    long t0 = System.nanoTime();
    Trainer.Result result = new Trainer(spec, MlpFamily.model(spec, ModularMlp.create(spec)),
        ModularTask.split(23, 0.7, 1)).run(rows::add, null);
    System.out.printf("3000 steps in %.2f s (train %.2f s, eval %.2f s)%n",
        (System.nanoTime() - t0) / 1e9, result.trainSeconds(), result.evalSeconds());
    rows.stream().filter(StepMetrics::evaluated).filter(r -> r.step() % 250 == 0)
        .forEach(r -> System.out.printf("%5d train %.3f/%.3f test %.3f/%.3f norm %.2f%n", r.step(),
            r.trainLoss(), r.trainAcc(), r.testLoss(), r.testAcc(), r.weightNorm()));

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(rows).hasSize(3001);
    assertThat(rows.stream().mapToDouble(StepMetrics::trainAcc).max().orElseThrow()).isEqualTo(1.0);
    assertThat(result.finalTestAcc()).isGreaterThanOrEqualTo(0.95);
  }
}
