package io.grokking.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.RunSpec;
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

/** One run end to end on the local file system: committed files, no staging left, skip on rerun. */
class RunExecutorTest {
  private final Configuration conf = new Configuration();

  @Test
  void commitsMetricsAndResultOnceAndSkipsOnRerun(@TempDir Path dir) throws Exception {
    RunSpec spec = TestRuns.spec(11, 1.0, 0.5, 4, TestRuns.train(32, 1e-3, 40, 10));
    RunOutcome first = RunExecutor.execute(spec, dir.toString(), "a0", conf);

    assertThat(first.skipped()).isFalse();
    assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(first.stepsRun()).isEqualTo(40);
    Path metrics = dir.resolve("metrics/modulus=11/" + spec.runId() + ".parquet");
    Path result = dir.resolve("results/modulus=11/" + spec.runId() + ".parquet");
    List<Group> rows = read(metrics);
    assertThat(rows).hasSize(41);
    assertThat(rows.get(0).getInteger("step", 0)).isZero();
    assertThat(rows.get(40).getInteger("step", 0)).isEqualTo(40);
    long evaluated = rows.stream().filter(r -> r.getFieldRepetitionCount("test_acc") == 1).count();
    assertThat(evaluated).isEqualTo(5); // steps 0, 10, 20, 30, 40
    List<Group> results = read(result);
    assertThat(results).hasSize(1);
    assertThat(results.get(0).getString("status", 0)).isEqualTo("completed");
    assertThat(results.get(0).getString("run_id", 0)).isEqualTo(spec.runId());
    assertThat(results.get(0).getInteger("n_train", 0)).isEqualTo(60);
    assertThat(results.get(0).getDouble("lottery_ticket_chance", 0)).isEqualTo(1.0 / 5);
    double hitRate = results.get(0).getDouble("lottery_ticket_hit_rate", 0);
    assertThat(hitRate).isBetween(0.0, 1.0);
    assertThat(results.get(0).getDouble("lottery_ticket_product_hit_rate", 0)).isBetween(0.0, 1.0);
    List<Group> neurons = read(dir.resolve("neurons/modulus=11/" + spec.runId() + ".parquet"));
    assertThat(neurons).hasSize(2 * 32);
    assertThat(neurons.stream().filter(g -> g.getString("snapshot", 0).equals("final")).count())
        .isEqualTo(32);
    assertThat(neurons).allSatisfy(g -> assertThat(g.getInteger("frequency", 0)).isBetween(1, 5));
    assertThat(neurons).allSatisfy(g -> {
      assertThat(g.getInteger("predicted_frequency", 0)).isBetween(1, 5);
      assertThat(g.getInteger("predicted_frequency_product", 0)).isBetween(1, 5);
    });
    // p = 11 has frequencies 0..5, one row each per evaluation step
    assertThat(read(dir.resolve("spectra/modulus=11/" + spec.runId() + ".parquet")))
        .hasSize(6 * 5);
    assertThat(rows.get(40).getDouble("ipr", 0)).isBetween(1.0 / 5, 1.0);
    assertThat(listStaging(dir)).isEmpty();

    long before = Files.getLastModifiedTime(metrics).toMillis();
    RunOutcome second = RunExecutor.execute(spec, dir.toString(), "a1", conf);
    assertThat(second.skipped()).isTrue();
    assertThat(Files.getLastModifiedTime(metrics).toMillis()).isEqualTo(before);
  }

  @Test
  void theSameSeedGivesTheSameMetrics(@TempDir Path dir) throws Exception {
    RunSpec spec = TestRuns.spec(7, 0.5, 0.6, 9, TestRuns.train(16, 1e-2, 20, 5));
    RunExecutor.execute(spec, dir.resolve("one").toString(), "a", conf);
    RunExecutor.execute(spec, dir.resolve("two").toString(), "b", conf);
    List<Group> one = read(dir.resolve("one/metrics/modulus=7/" + spec.runId() + ".parquet"));
    List<Group> two = read(dir.resolve("two/metrics/modulus=7/" + spec.runId() + ".parquet"));
    assertThat(one).hasSameSizeAs(two);
    for (int i = 0; i < one.size(); i++) {
      assertThat(one.get(i).getDouble("train_loss", 0))
          .isEqualTo(two.get(i).getDouble("train_loss", 0));
    }
  }

  static List<Group> read(Path file) throws IOException {
    return ParquetTable.readAll(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration());
  }

  private static List<Path> listStaging(Path dir) throws IOException {
    Path staging = dir.resolve("_staging");
    if (!Files.exists(staging)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(staging)) {
      return s.toList();
    }
  }
}
