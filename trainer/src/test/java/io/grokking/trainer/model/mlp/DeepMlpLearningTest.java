package io.grokking.trainer.model.mlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.task.ModularTask;
import io.grokking.trainer.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A real float32 run of a two-hidden-layer MLP with biases learns its training set at p = 23. */
class DeepMlpLearningTest {

  @Test
  void aTwoLayerMlpWithBiasesFitsItsTrainingSet() throws Exception {
    RunSpec spec = new RunSpec(23, 1.0, 0.7, 1, TestRuns.train(128, 3e-3, 600, 50),
        TaskConfig.defaults(), new ModelConfig(MlpFamily.NAME, 128, 4, 32, 512, 2, true));
    List<StepMetrics> rows = new ArrayList<>();
    long t0 = System.nanoTime();
    Trainer trainer = new Trainer(spec, MlpFamily.model(spec, ModularMlp.create(spec)), ModularTask.split(23, 0.7, 1));
    assertThat(trainer.model()).isInstanceOf(DeepMlpModel.class);
    Trainer.Result result = trainer.run(rows::add, null);
    System.out.printf("600 steps of depth 2 in %.2f s (train %.2f s, eval %.2f s)%n",
        (System.nanoTime() - t0) / 1e9, result.trainSeconds(), result.evalSeconds());
    rows.stream().filter(StepMetrics::evaluated).filter(r -> r.step() % 250 == 0)
        .forEach(r -> System.out.printf("%5d train %.3f/%.3f test %.3f/%.3f norm %.2f%n", r.step(),
            r.trainLoss(), r.trainAcc(), r.testLoss(), r.testAcc(), r.weightNorm()));

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(rows).hasSize(601);
    assertThat(rows.get(0).trainAcc()).isLessThan(0.2);
    assertThat(result.finalTrainAcc()).isEqualTo(1.0);
  }
}
