package io.grokking.trainer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokking.trainer.task.ModularTask;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * train.batch-size as a run sees it: full by default and absent from the run id, an integer
 * appended as {@code ;batch=b} for every family, and refused beyond the run's exact training
 * split (RunSpec.trainSize, which is ModularTask's cut for every operation).
 */
class BatchSizeTest {
  private static final TrainConfig T = TrainConfig.defaults();

  @ParameterizedTest
  @EnumSource(Operation.class)
  void theTrainSizeIsTheSplitsForEveryOperation(Operation op) {
    for (int p : new int[] {7, 11}) {
      for (double f : new double[] {0.01, 0.1, 0.3, 0.5, 0.75, 0.999, 1.0}) {
        TaskConfig task = new TaskConfig(op, 0);
        assertThat(RunSpec.trainSize(p, f, task)).as("%s p=%d f=%s", op, p, f)
            .isEqualTo(ModularTask.split(p, f, 0, task).train().size());
      }
    }
  }

  @Test
  void theTrainSizeIsTheSplitsForAGroup() {
    TaskConfig s4 = new TaskConfig(io.grokking.trainer.task.group.GroupComposition.NAME,
        Operation.ADD, 0.0,
        Map.of(io.grokking.trainer.task.group.GroupComposition.GROUP.key(), "S4"));
    for (double f : new double[] {0.1, 0.5, 1.0}) {
      assertThat(RunSpec.trainSize(24, f, s4)).as("S4 f=%s", f)
          .isEqualTo(ModularTask.split(24, f, 0, s4).train().size());
    }
    assertThat(RunSpec.describe(24, 0.5, s4)).isEqualTo("S4 (order 24), fraction 0.5");
  }

  @Test
  void fullBatchesLeaveTheRunIdAsItWas() {
    RunSpec plain = new RunSpec(23, 1.0, 0.5, 0, T);
    RunSpec full = new RunSpec(23, 1.0, 0.5, 0, T.withBatchSize(TrainConfig.FULL_BATCH));
    assertThat(full.runId()).isEqualTo(plain.runId());
    assertThat(plain.canonical()).doesNotContain("batch");
    assertThat(Settings.parse(plain.canonical())).containsEntry("train.batch-size", "full");
    assertThat(T.stepsPerEpoch(265)).isEqualTo(1);
  }

  @Test
  void aBatchSizeEntersTheRunIdOfEveryFamily() {
    RunSpec mlp = new RunSpec(23, 1.0, 0.5, 0, T.withBatchSize(64));
    assertThat(mlp.canonical()).endsWith(";stopwin=1000;batch=64");
    assertThat(Settings.parse(mlp.canonical())).containsEntry("train.batch-size", "64");
    ModelConfig transformer = new ModelConfig("transformer", 128, 4, 32, 512);
    RunSpec t = new RunSpec(23, 1.0, 0.5, 0, T.withBatchSize(64), TaskConfig.defaults(),
        transformer);
    assertThat(t.canonical()).contains(";stopwin=1000;batch=64;")
        .isNotEqualTo(new RunSpec(23, 1.0, 0.5, 0, T, TaskConfig.defaults(), transformer)
            .canonical());
    ModelConfig embed = new ModelConfig("embed-mlp", 128, 4, 32, 512, 1, false, Map.of());
    assertThat(new RunSpec(23, 1.0, 0.5, 0, T.withBatchSize(64), TaskConfig.defaults(), embed)
        .canonical()).contains(";batch=64");
    assertThat(T.withBatchSize(64).stepsPerEpoch(265)).isEqualTo(5);
    assertThat(T.withBatchSize(53).stepsPerEpoch(265)).isEqualTo(5);
  }

  @Test
  void aBatchOfTheWholeSplitIsAllowedAndOneMoreIsRefused() {
    // p = 7, div: 42 pairs without b = 0; half of them train
    TaskConfig div = new TaskConfig(Operation.DIV, 0);
    TrainConfig concat = new TrainConfig(T.width(), T.learningRate(), T.steps(),
        T.activation(), Encoding.CONCAT, T.evalEvery(), T.warmupSteps(), T.beta1(), T.beta2(),
        T.epsilon(), T.initScale(), T.precision(), T.stopAfterGrok(), T.stopThreshold(),
        T.stopWindow(), T.threads(), T.checkpointEvery(), T.initStd(), T.loss(), T.stopWhen(),
        T.settleThreshold(), T.settleWindow(), 21);
    assertThat(new RunSpec(7, 1.0, 0.5, 0, concat, div).train().batchSize()).isEqualTo(21);
    assertThatThrownBy(() -> new RunSpec(7, 1.0, 0.5, 0, concat.withBatchSize(22), div))
        .isInstanceOf(ConfigException.class)
        .hasMessage("train.batch-size: must be full or an integer in [1, 21] (the training pairs"
            + " of p = 7, fraction 0.5), found 22");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, -64})
  void aNegativeBatchSizeIsRefused(int size) {
    assertThatThrownBy(() -> T.withBatchSize(size)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("train.batch-size").hasMessageContaining("found " + size);
  }
}
