package io.grokking.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.model.ModelFamilies;
import io.grokking.trainer.task.ModularTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Minibatches learn: He et al.'s MLP on p = 23 at fraction 0.7 (370 training pairs) in batches of
 * 64, six updates an epoch (the last of 50 pairs), generalizes.
 */
class MinibatchLearningTest {

  @Test
  void smallModulusGeneralizesInBatchesOf64() throws Exception {
    TrainConfig t = TestRuns.stopping(TestRuns.train(128, 1e-2, 3000, 50), 0.9, 0)
        .withBatchSize(64);
    RunSpec spec = TestRuns.spec(23, 1.0, 0.7, 1, t);
    ModularTask data = ModularTask.of(spec);
    List<StepMetrics> rows = new ArrayList<>();
    long t0 = System.nanoTime();
    Trainer.Result result = new Trainer(spec, ModelFamilies.model(spec), data)
        .run(rows::add, null);
    System.out.printf("%d steps in %.2f s (train %.2f s, eval %.2f s)%n", result.stepsRun(),
        (System.nanoTime() - t0) / 1e9, result.trainSeconds(), result.evalSeconds());
    rows.stream().filter(StepMetrics::evaluated).filter(r -> r.step() % 100 == 0)
        .forEach(r -> System.out.printf("%5d train %.3f/%.3f batch %.3f test %.3f/%.3f%n",
            r.step(), r.trainLoss(), r.trainAcc(), r.batchLoss(), r.testLoss(), r.testAcc()));

    assertThat(data.train().size()).isEqualTo(370);
    assertThat(result.status()).isEqualTo(RunStatus.GENERALIZED);
    assertThat(result.finalTestAcc()).isGreaterThanOrEqualTo(0.9);
    assertThat(rows).allSatisfy(r -> assertThat(r.batchLoss()).isNotNull().isPositive());
  }
}
