package io.grokking.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.model.mlp.MlpFamily;
import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.model.mlp.ModularMlp;
import io.grokking.trainer.task.ModularTask;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Same seed, same split, same initial weights, same AdamW: the training curve of reference
 * configuration R2 follows the PyTorch peer's. The expected values were printed by torch 1.13.1
 * (Debian python3-torch, one thread) running the peer's model, optimizer and scheduler
 * (shared/peer/torch_mlp.py, preset R2, seed 0) and recording loss and accuracy before each step.
 */
class PeerParityTest {
  private static final double[][] TORCH = {
      // step, train loss, train accuracy
      {0, 3.1359968185424805, 0.030226700007915497},
      {1, 3.1359670162200928, 0.030226700007915497},
      {2, 3.135908842086792, 0.030226700007915497},
      {10, 3.134403705596924, 0.05541561543941498},
      {50, 3.1231608390808105, 0.188916876912117},
      {100, 3.107452392578125, 0.23425692319869995},
      {200, 3.0645182132720947, 0.26448363065719604},
  };

  @Test
  void r2FollowsThePytorchPeerStepForStep() throws Exception {
    RunSpec spec = TestRuns.spec(23, 2.0, 0.75, 0, TestRuns.train(512, 1e-4, 200, 1000));
    ModularTask data = ModularTask.split(23, 0.75, 0);
    assertThat(data.train().size()).isEqualTo(397);
    Map<Integer, StepMetrics> rows = new HashMap<>();
    new Trainer(spec, MlpFamily.model(spec, ModularMlp.create(spec)), data).run(r -> rows.put(r.step(), r), null);
    for (double[] expected : TORCH) {
      StepMetrics row = rows.get((int) expected[0]);
      assertThat(row.trainLoss()).as("train loss at step %d", (int) expected[0])
          .isCloseTo(expected[1], within(2e-5));
      assertThat(row.trainAcc()).as("train accuracy at step %d", (int) expected[0])
          .isCloseTo(expected[2], within(1.5 / 397));
    }
  }
}
