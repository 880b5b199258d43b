package io.grokking.trainer.model.embedmlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.Operation;
import io.grokking.trainer.config.Precision;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.task.ModularTask;
import io.grokking.trainer.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A whole run against PyTorch: the split, the initial draw, the passes and AdamW together give
 * the losses that Chughtai et al.'s {@code OneLayerMLP} ({@code utils/models.py}) gives under
 * torch 1.13.1's AdamW on the same split. The reference script (torch, one thread) seeds 0, takes
 * the project's split of (a − b) mod 23 ({@code randperm(p²)}, the first round(0.5·p²) pairs
 * train), re-seeds, builds their model with e = 16, h = 32, and trains with {@code
 * AdamW(lr=1e-3, betas=(0.9, 0.98), weight_decay=1)} on {@code F.cross_entropy(logits.double(),
 * y)}; it printed the train and test losses pinned here.
 */
class EmbedMlpTorchParityTest {
  /** step, train loss, test loss as torch printed them. */
  private static final double[][] TORCH = {
    {0, 3.1498912579274125, 3.159835550442489},
    {1, 3.1465356380243885, 3.1614289142339747},
    {2, 3.14322936687559, 3.1630193678950227},
    {10, 3.1184873777864714, 3.1758215273822565},
    {50, 3.016404417299614, 3.251566931443418},
    {100, 2.87395174813247, 3.4094061472796846},
    {200, 2.522829948778302, 3.9192549926532534},
  };

  @Test
  void lossesFollowTorch() throws Exception {
    TrainConfig t = new TrainConfig(32, 1e-3, 200, Activation.RELU, Encoding.SUM, 1, 0, 0.9, 0.98,
        1e-8, 0.1, Precision.FLOAT32, false, 0.99, 1000, 1, 0);
    ModelConfig model = new ModelConfig(EmbedMlpFamily.NAME, ModelConfig.DEFAULT_D_MODEL,
        ModelConfig.DEFAULT_HEADS, ModelConfig.DEFAULT_D_HEAD, ModelConfig.DEFAULT_D_MLP,
        ModelConfig.DEFAULT_DEPTH, ModelConfig.DEFAULT_BIAS,
        Map.of(EmbedMlpFamily.EMBED_DIM.key(), 16));
    RunSpec spec = new RunSpec(23, 1.0, 0.5, 0, t, new TaskConfig(Operation.SUB, 0), model);
    List<StepMetrics> rows = new ArrayList<>();
    new Trainer(spec, EmbedMlpModel.create(spec), ModularTask.of(spec)).run(rows::add, null);
    for (double[] ref : TORCH) {
      StepMetrics row = rows.get((int) ref[0]);
      assertThat(row.step()).isEqualTo((int) ref[0]);
      System.out.printf("step %3d train %.9f (torch %.9f) test %.9f (torch %.9f)%n", row.step(),
          row.trainLoss(), ref[1], row.testLoss(), ref[2]);
      assertThat(row.trainLoss()).as("train loss at step %s", row.step())
          .isCloseTo(ref[1], within(1e-5));
      assertThat(row.testLoss()).as("test loss at step %s", row.step())
          .isCloseTo(ref[2], within(1e-5));
    }
  }
}
