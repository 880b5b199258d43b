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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two stacked blocks ({@code model.layers = 2}, Power et al. 2022's depth) learn modular addition
 * through the project's own trainer and AdamW: p = 23, 70 % of the pairs, lr 3e-3, weight decay
 * 2, d_model 32, 4 heads of 8, d_mlp 64. From chance (1/23) it fits the training pairs and
 * generalizes to the unseen ones, test accuracy ≥ 0.9, well within the step budget (first at step
 * 225 of 1 500 when written, about 7 s on one core), and stops early once it holds 0.95.
 */
class TwoLayerTransformerLearningRunTest {
  @Test
  void twoBlocksOnP23GeneralizeWithWeightDecay() throws Exception {
    TrainConfig t = TestRuns.stopping(TestRuns.train(1, 3e-3, 1500, 25), 0.95, 100);
    RunSpec spec = new RunSpec(23, 2.0, 0.7, 0, t, TaskConfig.defaults(),
        new ModelConfig(TransformerFamily.NAME, 32, 4, 8, 64, 1, false,
            Map.of(TransformerFamily.LAYERS.key(), 2)));
    TransformerModel model = TransformerModel.create(spec);
    ModularTask data = ModularTask.of(spec);
    assertThat(model.passes(data.train())).isInstanceOf(DeepTransformerPasses.class);
    assertThat(model.tensors()).as("W_E, W_pos, W_U and 8 tensors per block").hasSize(3 + 2 * 8);
    List<StepMetrics> rows = new ArrayList<>();
    Trainer.Result result = new Trainer(spec, model, data).run(rows::add, null);
    rows.stream().filter(StepMetrics::evaluated).filter(r -> r.step() % 100 == 0)
        .forEach(r -> System.out.printf("%5d train %.3f/%.3f test %.3f/%.3f%n", r.step(),
            r.trainLoss(), r.trainAcc(), r.testLoss(), r.testAcc()));

    List<StepMetrics> evaluated = rows.stream().filter(StepMetrics::evaluated).toList();
    assertThat(evaluated.get(0).testAcc()).as("test accuracy at step 0").isLessThan(0.2);
    assertThat(evaluated).as("fits the training pairs").anyMatch(r -> r.trainAcc() == 1.0);
    assertThat(result.status()).isEqualTo(RunStatus.GENERALIZED);
    assertThat(result.finalTestAcc()).isGreaterThanOrEqualTo(0.9);
    assertThat(rows.size() - 1).as("steps run").isLessThan(spec.train().steps());
  }
}
