package io.grokking.trainer.model.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.task.ModularTask;
import io.grokking.trainer.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The transformer through the project's own trainer and AdamW (Nanda et al. 2023's recipe: lr
 * 1e-3, β = (0.9, 0.98), weight decay 1, full batch) on a small modulus: it fits the training set,
 * and with weight decay and enough data it generalizes within a bounded number of steps.
 */
class TransformerLearningRunTest {
  @Test
  void smallModulusFitsAndGeneralizesWithWeightDecay() throws Exception {
    TrainConfig t = TestRuns.train(1, 3e-3, 3000, 50);
    RunSpec spec = new RunSpec(13, 1.0, 0.8, 0, t, TaskConfig.defaults(),
        new ModelConfig(TransformerFamily.NAME, 64, 4, 16, 128));
    List<StepMetrics> rows = new ArrayList<>();
    Trainer.Result result = new Trainer(spec, TransformerModel.create(spec),
        ModularTask.of(spec)).run(rows::add, null);
    rows.stream().filter(StepMetrics::evaluated).filter(r -> r.step() % 250 == 0)
        .forEach(r -> System.out.printf("%5d train %.3f/%.3f test %.3f/%.3f norm %.2f%n", r.step(),
            r.trainLoss(), r.trainAcc(), r.testLoss(), r.testAcc(), r.weightNorm()));

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(rows).hasSize(3001);
    assertThat(rows.get(0).trainAcc()).isLessThan(0.3);
    assertThat(rows.stream().mapToDouble(StepMetrics::trainAcc).max().orElseThrow()).isEqualTo(1.0);
    assertThat(result.finalTestAcc()).isGreaterThanOrEqualTo(0.95);
  }
}
