package io.grokking.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.model.transformer.TransformerFamily;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.output.ParquetTable;
import io.grokking.trainer.task.ModularTask;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training fraction 1 (He et al. 2026's lottery run trains on every pair): the split has no test
 * pair, a real run of either family completes with its test columns empty on every row, the early
 * stop on test accuracy never fires, and the measures that read all p² logits are still taken.
 */
class EveryPairRunTest {
  private final Configuration conf = new Configuration();

  @Test
  void theSplitOfFractionOneHoldsEveryPairAndFractionsBelowOneKeepATestPair() {
    assertThat(ModularTask.split(7, 1.0, 0).train().size()).isEqualTo(49);
    assertThat(ModularTask.split(7, 1.0, 0).test().size()).isZero();
    // 0.99 · 49 rounds to 49, but a fraction below 1 still leaves one test pair, as it always did
    assertThat(ModularTask.split(7, 0.99, 0).test().size()).isEqualTo(1);
  }

  @Test
  void anMlpRunOnEveryPairWritesEmptyTestColumnsAndStillMeasures(@TempDir Path dir)
      throws Exception {
    // stop-after-grok with threshold and window as small as allowed: with a test set the run
    // would stop at its first evaluation; without one it must run its whole budget
    TrainConfig t = TestRuns.stopping(TestRuns.train(32, 1e-2, 40, 10), 0.01, 0);
    RunSpec spec = TestRuns.spec(11, 1.0, 1.0, 3, t);

    RunOutcome outcome = RunExecutor.execute(spec, dir.toString(), "a0", conf);

    assertThat(outcome.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(outcome.stepsRun()).isEqualTo(40);
    List<Group> rows = metrics(dir, spec);
    assertThat(rows).hasSize(41);
    assertThat(rows).allSatisfy(r -> {
      assertThat(r.getFieldRepetitionCount("test_loss")).isZero();
      assertThat(r.getFieldRepetitionCount("test_acc")).isZero();
    });
    List<Group> evaluated =
        rows.stream().filter(r -> r.getFieldRepetitionCount("weight_norm") == 1).toList();
    assertThat(evaluated).hasSize(5);
    assertThat(evaluated).allSatisfy(r -> {
      assertThat(r.getDouble("restricted_loss", 0)).isFinite();
      assertThat(r.getDouble("excluded_loss", 0)).isFinite();
      assertThat(r.getDouble("ipr", 0)).isBetween(1.0 / 5, 1.0);
    });
    Group result = result(dir, spec);
    assertThat(result.getInteger("n_train", 0)).isEqualTo(121);
    assertThat(result.getInteger("n_test", 0)).isZero();
    assertThat(result.getDouble("train_fraction", 0)).isEqualTo(1.0);
    assertThat(result.getDouble("lottery_ticket_hit_rate", 0)).isBetween(0.0, 1.0);
  }

  @Test
  void aTransformerRunOnEveryPairCompletesWithEmptyTestColumns(@TempDir Path dir)
      throws Exception {
    RunSpec spec = new RunSpec(7, 1.0, 1.0, 0, TestRuns.train(1, 1e-3, 20, 10),
        TaskConfig.defaults(), new ModelConfig(TransformerFamily.NAME, 16, 2, 8, 32));

    RunOutcome outcome = RunExecutor.execute(spec, dir.toString(), "a0", conf);

    assertThat(outcome.status()).isEqualTo(RunStatus.COMPLETED);
    List<Group> rows = metrics(dir, spec);
    assertThat(rows).hasSize(21);
    assertThat(rows).allSatisfy(r -> assertThat(r.getFieldRepetitionCount("test_acc")).isZero());
    assertThat(rows.get(20).getDouble("restricted_loss", 0)).isFinite();
    assertThat(result(dir, spec).getInteger("n_test", 0)).isZero();
  }

  private List<Group> metrics(Path dir, RunSpec spec) throws Exception {
    return ParquetTable.readAll(new org.apache.hadoop.fs.Path(dir.resolve("metrics/modulus="
        + spec.modulus() + "/" + spec.runId() + ".parquet").toUri()), conf);
  }

  private Group result(Path dir, RunSpec spec) throws Exception {
    List<Group> rows = ParquetTable.readAll(new org.apache.hadoop.fs.Path(dir.resolve(
        "results/modulus=" + spec.modulus() + "/" + spec.runId() + ".parquet").toUri()), conf);
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }
}
