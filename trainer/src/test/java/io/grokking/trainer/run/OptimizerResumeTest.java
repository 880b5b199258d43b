package io.grokking.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.OptimizerConfig;
import io.grokking.trainer.config.OptimizerConfig.DecayToward;
import io.grokking.trainer.config.OptimizerConfig.Filter;
import io.grokking.trainer.config.OptimizerConfig.Kind;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.metrics.RunStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run whose optimizer or gradient filter has a memory (SGD's momentum buffer, Adam's moments,
 * Grokfast's average and window), killed mid-run and resumed from its checkpoint, writes exactly
 * the rows of the uninterrupted run, as {@link CheckpointResumeTest} shows for AdamW.
 */
class OptimizerResumeTest {
  private final Configuration conf = new Configuration();
  @TempDir Path dir;

  static Stream<Arguments> configs() {
    return Stream.of(
        Arguments.of(new OptimizerConfig(Kind.SGD, 0.9, DecayToward.ZERO, Filter.GROKFAST_EMA,
            0.9, Double.NaN, 100), 0.3),
        Arguments.of(new OptimizerConfig(Kind.SGD, 0.5, DecayToward.INIT, Filter.NONE, 0.98,
            Double.NaN, 100), 0.3),
        Arguments.of(new OptimizerConfig(Kind.ADAM, 0.0, DecayToward.ZERO, Filter.GROKFAST_MA,
            0.98, 1.0, 7), 1e-2),
        Arguments.of(new OptimizerConfig(Kind.ADAMW, 0.0, DecayToward.INIT, Filter.ORTHOGONAL,
            0.98, Double.NaN, 100), 1e-2));
  }

  @ParameterizedTest
  @MethodSource("configs")
  void aResumedRunWritesTheRowsOfAnUninterruptedOne(OptimizerConfig o, double lr)
      throws Exception {
    RunSpec spec = new RunSpec(11, 0.5, 0.5, 3,
        CheckpointResumeTest.checkpointing(TestRuns.train(24, lr, 60, 8), 10),
        TaskConfig.defaults(), ModelConfig.defaults(), o);
    String whole = dir.resolve("whole").toString();
    String cut = dir.resolve("cut").toString();

    RunOutcome uninterrupted = RunExecutor.execute(spec, whole, "w0", conf);
    assertThatThrownBy(() -> RunExecutor.execute(spec, cut, "c0", conf, point -> {
      if (point == Faults.Point.MID_TRAIN) {
        throw new InjectedFault("test fault at " + point);
      }
    })).isInstanceOf(InjectedFault.class);
    RunOutcome resumed = RunExecutor.execute(spec, cut, "c1", conf);

    assertThat(uninterrupted.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(resumed.message()).isEqualTo("resumed from the checkpoint at step 30");
    for (String table : List.of("metrics", "spectra")) {
      List<String> expected = CheckpointResumeTest.rowsOf(Path.of(whole), table, spec).stream()
          .map(Object::toString).toList();
      assertThat(CheckpointResumeTest.rowsOf(Path.of(cut), table, spec).stream()
          .map(Object::toString).toList()).as(table).isNotEmpty().containsExactlyElementsOf(expected);
    }
  }
}
