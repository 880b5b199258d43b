package io.grokking.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.output.ParquetTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An attempt that dies mid-run leaves a checkpoint; the next attempt continues from it and commits
 * exactly the rows an uninterrupted run writes, bit for bit.
 */
class CheckpointResumeTest {
  private final Configuration conf = new Configuration();
  @TempDir Path dir;

  static TrainConfig checkpointing(TrainConfig t, int every) {
    return new TrainConfig(t.width(), t.learningRate(), t.steps(), t.activation(), t.encoding(),
        t.evalEvery(), t.warmupSteps(), t.beta1(), t.beta2(), t.epsilon(), t.initScale(),
        t.precision(), t.stopAfterGrok(), t.stopThreshold(), t.stopWindow(), t.threads(), every);
  }

  private static Faults dieAt(Faults.Point at) {
    return point -> {
      if (point == at) {
        throw new InjectedFault("test fault at " + point);
      }
    };
  }

  @Test
  void aResumedRunWritesExactlyTheRowsOfAnUninterruptedOne() throws Exception {
    RunSpec spec = TestRuns.spec(11, 1.0, 0.5, 3,
        checkpointing(TestRuns.train(24, 1e-2, 60, 8), 10));
    String whole = dir.resolve("whole").toString();
    String cut = dir.resolve("cut").toString();

    RunOutcome uninterrupted = RunExecutor.execute(spec, whole, "w0", conf);
    assertThatThrownBy(() -> RunExecutor.execute(spec, cut, "c0", conf,
        dieAt(Faults.Point.MID_TRAIN))).isInstanceOf(InjectedFault.class);

    // Steps 0..29 recorded, the checkpoint before step 30 saved, then the attempt died.
    Path checkpoint = dir.resolve("cut/_checkpoints/" + spec.runId());
    assertThat(names(checkpoint)).contains("state-000000030.bin",
        "metrics-000000000-000000010.parquet", "metrics-000000020-000000030.parquet",
        "spectra-000000020-000000030.parquet").noneMatch(n -> n.startsWith("state-0000000")
            && !n.equals("state-000000030.bin"));
    assertThat(Path.of(cut, "results")).doesNotExist();

    RunOutcome resumed = RunExecutor.execute(spec, cut, "c1", conf);

    assertThat(resumed.status()).isEqualTo(uninterrupted.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(resumed.message()).isEqualTo("resumed from the checkpoint at step 30");
    assertThat(resumed.finalTestAcc()).isEqualTo(uninterrupted.finalTestAcc());
    for (String table : List.of("metrics", "spectra")) {
      List<String> expected = rows(Path.of(whole), table, spec);
      assertThat(rows(Path.of(cut), table, spec)).as(table).containsExactlyElementsOf(expected);
    }
    List<Integer> steps = rowsOf(Path.of(cut), "metrics", spec).stream()
        .map(g -> g.getInteger("step", 0)).toList();
    assertThat(steps).hasSize(61).doesNotHaveDuplicates().isSorted();
    assertThat(rows(Path.of(cut), "neurons", spec))
        .containsExactlyElementsOf(rows(Path.of(whole), "neurons", spec));
    assertThat(checkpoint).as("deleted once committed").doesNotExist();
  }

  @Test
  void aPhaseSettledRunResumedMidWindowStopsAtTheUninterruptedRunsStep() throws Exception {
    // p = 11 reaches test accuracy 0.5 at step 40 and holds it; settled at 0.5 over 30 steps.
    // The attempt dies at step 60 (half the budget) with the checkpoint of step 60 saved, inside
    // the window: the resumed run must carry the window's start over to stop at the same step.
    RunSpec spec = TestRuns.spec(11, 1.0, 0.7, 1,
        TestRuns.train(32, 3e-2, 120, 10).settling(0.5, 30).checkpointingEvery(5));
    String whole = dir.resolve("whole").toString();
    String cut = dir.resolve("cut").toString();

    RunOutcome uninterrupted = RunExecutor.execute(spec, whole, "w0", conf);
    assertThat(uninterrupted.status()).isEqualTo(RunStatus.SETTLED);
    int midway = spec.train().steps() / 2;
    assertThat(uninterrupted.stepsRun()).isGreaterThan(midway).isLessThan(spec.train().steps());
    int windowStart = Integer.parseInt(uninterrupted.message()
        .replaceFirst(".* from step (\\d+) to .*", "$1"));
    assertThat(windowStart).as("the checkpoint falls inside the window").isLessThan(midway);

    assertThatThrownBy(() -> RunExecutor.execute(spec, cut, "c0", conf,
        dieAt(Faults.Point.MID_TRAIN))).isInstanceOf(InjectedFault.class);
    RunOutcome resumed = RunExecutor.execute(spec, cut, "c1", conf);

    assertThat(resumed.status()).isEqualTo(RunStatus.SETTLED);
    assertThat(resumed.stepsRun()).isEqualTo(uninterrupted.stepsRun());
    assertThat(resumed.message()).isEqualTo(uninterrupted.message()
        + "; resumed from the checkpoint at step " + midway);
    assertThat(rows(Path.of(cut), "metrics", spec))
        .containsExactlyElementsOf(rows(Path.of(whole), "metrics", spec));
  }

  /** One block, and two: the checkpoint holds every block's parameters and AdamW moments. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void aResumedTransformerRunWritesExactlyTheRowsOfAnUninterruptedOne(int layers)
      throws Exception {
    RunSpec spec = new RunSpec(11, 1.0, 0.5, 3, checkpointing(TestRuns.train(1, 1e-3, 40, 8), 10),
        io.grokking.trainer.config.TaskConfig.defaults(),
        new io.grokking.trainer.config.ModelConfig(
            io.grokking.trainer.model.transformer.TransformerFamily.NAME, 16, 2, 8, 32, 1, false,
            java.util.Map.of(io.grokking.trainer.model.transformer.TransformerFamily.LAYERS.key(),
                layers)));
    String whole = dir.resolve("whole").toString();
    String cut = dir.resolve("cut").toString();

    RunOutcome uninterrupted = RunExecutor.execute(spec, whole, "w0", conf);
    assertThatThrownBy(() -> RunExecutor.execute(spec, cut, "c0", conf,
        dieAt(Faults.Point.MID_TRAIN))).isInstanceOf(InjectedFault.class);
    RunOutcome resumed = RunExecutor.execute(spec, cut, "c1", conf);

    assertThat(uninterrupted.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(resumed.message()).isEqualTo("resumed from the checkpoint at step 20");
    for (String table : List.of("metrics", "spectra", "neurons")) {
      List<String> expected = rows(Path.of(whole), table, spec);
      assertThat(expected).as(table).isNotEmpty();
      assertThat(rows(Path.of(cut), table, spec)).as(table).containsExactlyElementsOf(expected);
    }
    assertThat(rowsOf(Path.of(cut), "results", spec).get(0).getInteger("layers", 0))
        .isEqualTo(layers);
  }

  @Test
  void aResumedDeepMlpRunWritesExactlyTheRowsOfAnUninterruptedOne() throws Exception {
    RunSpec spec = new RunSpec(11, 1.0, 0.5, 3,
        checkpointing(TestRuns.with(TestRuns.train(24, 1e-2, 40, 8),
            io.grokking.trainer.config.Activation.GELU, io.grokking.trainer.config.Encoding.SUM,
            io.grokking.trainer.config.Precision.FLOAT32), 10),
        io.grokking.trainer.config.TaskConfig.defaults(),
        new io.grokking.trainer.config.ModelConfig(io.grokking.trainer.model.mlp.MlpFamily.NAME,
            128, 4, 32, 512, 2, true));
    String whole = dir.resolve("whole").toString();
    String cut = dir.resolve("cut").toString();

    RunOutcome uninterrupted = RunExecutor.execute(spec, whole, "w0", conf);
    assertThatThrownBy(() -> RunExecutor.execute(spec, cut, "c0", conf,
        dieAt(Faults.Point.MID_TRAIN))).isInstanceOf(InjectedFault.class);
    RunOutcome resumed = RunExecutor.execute(spec, cut, "c1", conf);

    assertThat(uninterrupted.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(resumed.message()).isEqualTo("resumed from the checkpoint at step 20");
    assertThat(resumed.finalTestAcc()).isEqualTo(uninterrupted.finalTestAcc());
    for (String table : List.of("metrics", "spectra", "neurons")) {
      List<String> expected = rows(Path.of(whole), table, spec);
      assertThat(expected).as(table).isNotEmpty();
      assertThat(rows(Path.of(cut), table, spec)).as(table).containsExactlyElementsOf(expected);
    }
    Group result = rowsOf(Path.of(whole), "results", spec).get(0);
    assertThat(result.getInteger("depth", 0)).isEqualTo(2);
    assertThat(result.getBoolean("bias", 0)).isTrue();
    assertThat(result.getFieldRepetitionCount("lottery_ticket_hit_rate")).isZero();
    assertThat(result.getFieldRepetitionCount("key_frequencies")).isOne();
  }

  @Test
  void anUninterruptedCheckpointingRunEqualsOneWithoutCheckpoints() throws Exception {
    TrainConfig t = TestRuns.train(16, 1e-2, 30, 5);
    RunSpec plain = TestRuns.spec(7, 0.5, 0.6, 1, t);
    RunSpec saving = TestRuns.spec(7, 0.5, 0.6, 1, checkpointing(t, 7));
    assertThat(saving.runId()).as("cadence is not identity").isEqualTo(plain.runId());

    RunExecutor.execute(plain, dir.resolve("a").toString(), "a", conf);
    RunExecutor.execute(saving, dir.resolve("b").toString(), "b", conf);

    assertThat(rows(dir.resolve("b"), "metrics", saving))
        .containsExactlyElementsOf(rows(dir.resolve("a"), "metrics", plain));
    assertThat(dir.resolve("b/_checkpoints/" + saving.runId())).doesNotExist();
  }

  @Test
  void aFaultAtCommitLeavesDataButNoResultAndTheRetryCommitsOnce() throws Exception {
    RunSpec spec = TestRuns.spec(7, 1.0, 0.5, 2, TestRuns.train(16, 1e-2, 20, 5));
    String out = dir.toString();
    assertThatThrownBy(() -> RunExecutor.execute(spec, out, "a0", conf,
        dieAt(Faults.Point.COMMIT))).isInstanceOf(InjectedFault.class);
    assertThat(dir.resolve("metrics/modulus=7/" + spec.runId() + ".parquet")).exists();
    assertThat(dir.resolve("results")).doesNotExist();

    RunOutcome retry = RunExecutor.execute(spec, out, "a1", conf);

    assertThat(retry.skipped()).isFalse();
    assertThat(names(dir.resolve("results/modulus=7")))
        .containsExactly(spec.runId() + ".parquet");
    assertThat(names(dir.resolve("metrics/modulus=7")))
        .containsExactly(spec.runId() + ".parquet");
    assertThat(rowsOf(dir, "metrics", spec)).hasSize(21);
  }

  private static List<String> names(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted()
          .toList();
    }
  }

  private static List<String> rows(Path out, String table, RunSpec spec) throws IOException {
    return rowsOf(out, table, spec).stream().map(Object::toString).toList();
  }

  static List<Group> rowsOf(Path out, String table, RunSpec spec) throws IOException {
    Path file = out.resolve(table + "/modulus=" + spec.modulus() + "/" + spec.runId()
        + ".parquet");
    return ParquetTable.readAll(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration());
  }
}
