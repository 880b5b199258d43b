package io.grokking.trainer.run;

import static io.grokking.trainer.run.CheckpointResumeTest.rowsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.model.embedmlp.EmbedMlpFamily;
import io.grokking.trainer.model.mlp.MlpFamily;
import io.grokking.trainer.model.transformer.TransformerFamily;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A minibatch run (p = 11 at fraction 0.5: 60 training pairs in batches of 16, four updates an
 * epoch) killed halfway, at step 30, resumes from its checkpoint in the middle of an epoch (batch
 * 2 of epoch 7) and writes exactly the rows of the uninterrupted run, minibatch losses included,
 * for every family; its results name the batch size and the updates per epoch.
 */
class MinibatchResumeTest {
  private final Configuration conf = new Configuration();
  @TempDir Path dir;

  private static final TrainConfig TRAIN = TestRuns.train(24, 1e-2, 60, 8).withBatchSize(16)
      .checkpointingEvery(10);

  static Stream<Arguments> families() {
    return Stream.of(
        arguments(MlpFamily.NAME, new ModelConfig(MlpFamily.NAME, 16, 2, 8, 32, 1, false)),
        arguments("transformer, two blocks", new ModelConfig(TransformerFamily.NAME, 16, 2, 8, 32,
            1, false, Map.of(TransformerFamily.LAYERS.key(), 2))),
        arguments(EmbedMlpFamily.NAME, new ModelConfig(EmbedMlpFamily.NAME, 16, 2, 8, 32, 1,
            false, Map.of(EmbedMlpFamily.EMBED_DIM.key(), 8))));
  }

  private static Faults dieMidway() {
    return point -> {
      if (point == Faults.Point.MID_TRAIN) {
        throw new InjectedFault("test fault at " + point);
      }
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void aRunResumedMidEpochWritesExactlyTheRowsOfAnUninterruptedOne(String name,
      ModelConfig model) throws Exception {
    RunSpec spec = new RunSpec(11, 1.0, 0.5, 3, TRAIN, TaskConfig.defaults(), model);
    assertThat(spec.canonical()).contains(";batch=16");
    String whole = dir.resolve("whole").toString();
    String cut = dir.resolve("cut").toString();

    RunOutcome uninterrupted = RunExecutor.execute(spec, whole, "w0", conf);
    assertThatThrownBy(() -> RunExecutor.execute(spec, cut, "c0", conf, dieMidway()))
        .isInstanceOf(InjectedFault.class);
    RunOutcome resumed = RunExecutor.execute(spec, cut, "c1", conf);

    assertThat(uninterrupted.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(resumed.message()).isEqualTo("resumed from the checkpoint at step 30");
    assertThat(30 % 4).as("mid-epoch").isEqualTo(2);
    List<String> expected = strings(rowsOf(Path.of(whole), "metrics", spec));
    assertThat(expected).hasSize(61);
    assertThat(strings(rowsOf(Path.of(cut), "metrics", spec)))
        .containsExactlyElementsOf(expected);
    List<Group> metrics = rowsOf(Path.of(cut), "metrics", spec);
    assertThat(metrics).allSatisfy(g ->
        assertThat(g.getFieldRepetitionCount("batch_loss")).as("batch_loss").isOne());
    assertThat(metrics.stream().filter(g -> g.getInteger("step", 0) > 0)
        .mapToDouble(g -> g.getDouble("batch_loss", 0) - g.getDouble("train_loss", 0))
        .map(Math::abs).max().orElseThrow())
        .as("a minibatch's loss is not the training split's").isGreaterThan(1e-4);
    Group result = rowsOf(Path.of(cut), "results", spec).get(0);
    assertThat(result.getInteger("batch_size", 0)).isEqualTo(16);
    assertThat(result.getInteger("steps_per_epoch", 0)).isEqualTo(4);
    assertThat(result.getInteger("n_train", 0)).isEqualTo(60);
  }

  @Test
  void aFullBatchRunHasNoMinibatchLossAndOneStepAnEpoch() throws Exception {
    RunSpec spec = TestRuns.spec(11, 1.0, 0.5, 3, TestRuns.train(24, 1e-2, 20, 8));
    assertThat(spec.canonical()).doesNotContain("batch");
    RunExecutor.execute(spec, dir.toString(), "a0", conf);

    assertThat(rowsOf(dir, "metrics", spec)).hasSize(21).allSatisfy(g ->
        assertThat(g.getFieldRepetitionCount("batch_loss")).as("batch_loss").isZero());
    Group result = rowsOf(dir, "results", spec).get(0);
    assertThat(result.getFieldRepetitionCount("batch_size")).isZero();
    assertThat(result.getInteger("steps_per_epoch", 0)).isEqualTo(1);
  }

  private static List<String> strings(List<Group> rows) {
    return rows.stream().map(Object::toString).toList();
  }
}
