package io.grokking.trainer.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.run.RunExecutor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real committed runs, one of whose files is then cut short: the check names that run, file
 * and reason and nothing else; moving it aside keeps every byte and un-commits the run, and
 * training it again writes the same metrics.
 */
class DamagedRunsTest {
  private final Configuration conf = new Configuration();
  @TempDir Path dir;

  private RunSpec run(int seed) {
    return TestRuns.spec(7, 1.0, 0.5, seed, TestRuns.train(16, 1e-2, 20, 10));
  }

  private Path file(String table, RunSpec spec) {
    return dir.resolve(table + "/modulus=7/" + spec.runId() + ".parquet");
  }

  static void truncate(Path file, long keep) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(keep);
    }
  }

  @Test
  void aTruncatedMetricsFileIsNamedMovedAsideAndRetrainedToTheSameRows() throws Exception {
    Layout layout = new Layout(dir.toString());
    RunSpec good = run(0);
    RunSpec bad = run(1);
    RunExecutor.execute(good, dir.toString(), "a0", conf);
    RunExecutor.execute(bad, dir.toString(), "a1", conf);
    assertThat(DamagedRuns.check(layout, conf))
        .isEqualTo(new DamagedRuns.Report(2, List.of()));
    Path metrics = file(Layout.METRICS, bad);
    List<Group> before = ParquetTable.readAll(hadoop(metrics), conf);
    byte[] whole = Files.readAllBytes(metrics);
    truncate(metrics, whole.length / 2);

    DamagedRuns.Report report = DamagedRuns.check(layout, conf);

    assertThat(report.committed()).isEqualTo(2);
    assertThat(report.damaged()).singleElement().satisfies(d -> {
      assertThat(d.runId()).isEqualTo(bad.runId());
      assertThat(d.table()).isEqualTo(Layout.METRICS);
      assertThat(d.file()).endsWith("metrics/modulus=7/" + bad.runId() + ".parquet");
      assertThat(d.reason()).containsIgnoringCase("parquet");
      assertThat(d.describe()).startsWith("run " + bad.runId() + ": ").doesNotContain("\n");
    });

    Path folder = Path.of(DamagedRuns.moveAside(layout, conf, report.damaged(),
        Instant.parse("2025-01-02T03:04:05Z")).toUri().getPath());

    assertThat(folder).isEqualTo(dir.resolve("_damaged/20250102-030405"));
    assertThat(folder.resolve("metrics/modulus=7/" + bad.runId() + ".parquet")).hasSize(
        whole.length / 2);
    for (String table : Layout.RUN_TABLES) {
      assertThat(file(table, bad)).as(table).doesNotExist();
      // a modular run has no representations table, and none appears
      boolean written = !table.equals(Layout.REPRESENTATIONS);
      assertThat(Files.exists(folder.resolve(table + "/modulus=7/" + bad.runId() + ".parquet")))
          .as(table).isEqualTo(written);
      assertThat(Files.exists(file(table, good))).as(table).isEqualTo(written);
    }
    assertThat(RunCommitter.isCommitted(layout, conf, 7, bad.runId())).isFalse();
    assertThat(DamagedRuns.check(layout, conf)).isEqualTo(new DamagedRuns.Report(1, List.of()));

    RunExecutor.execute(bad, dir.toString(), "a2", conf);

    List<Group> after = ParquetTable.readAll(hadoop(metrics), conf);
    assertThat(after).hasSameSizeAs(before);
    for (int i = 0; i < before.size(); i++) {
      assertThat(after.get(i).toString()).as("row %d", i).isEqualTo(before.get(i).toString());
    }
    assertThat(DamagedRuns.check(layout, conf).damaged()).isEmpty();
  }

  @Test
  void metricsShorterThanTheResultSaysAndAMissingResultRowAreDamage() throws Exception {
    Layout layout = new Layout(dir.toString());
    RunSpec a = run(0);
    RunSpec b = run(1);
    RunExecutor.execute(a, dir.toString(), "a0", conf);
    RunExecutor.execute(b, dir.toString(), "a1", conf);
    // a's metrics replaced by b's first rows only: a readable file with the wrong row count
    try (ParquetTable t = new ParquetTable(hadoop(file(Layout.METRICS, a)),
        io.grokking.trainer.metrics.Schemas.METRICS, conf)) {
      for (Group g : ParquetTable.readAll(hadoop(file(Layout.METRICS, b)), conf).subList(0, 5)) {
        t.write(g);
      }
    }
    truncate(file(Layout.RESULTS, b), 10);

    List<DamagedRuns.Damage> damaged = DamagedRuns.check(layout, conf).damaged();

    assertThat(damaged).extracting(DamagedRuns.Damage::runId, DamagedRuns.Damage::table)
        .containsExactlyInAnyOrder(
            org.assertj.core.api.Assertions.tuple(a.runId(), Layout.METRICS),
            org.assertj.core.api.Assertions.tuple(b.runId(), Layout.RESULTS));
    assertThat(damaged).filteredOn(d -> d.runId().equals(a.runId())).singleElement()
        .extracting(DamagedRuns.Damage::reason)
        .isEqualTo("holds 5 rows, the result file says steps 0 to 20 (21 rows)");
  }

  /** A group run's representations file is one of its files: cut short, the run is damaged. */
  @Test
  void aTruncatedRepresentationsFileIsDamageAndMovesAsideWithTheRest() throws Exception {
    Layout layout = new Layout(dir.toString());
    RunSpec group = new RunSpec(6, 1.0, 0.5, 1, TestRuns.train(16, 1e-2, 20, 10),
        new io.grokking.trainer.config.TaskConfig("group",
            io.grokking.trainer.config.Operation.ADD, 0.0, java.util.Map.of("task.group", "C6")));
    RunExecutor.execute(group, dir.toString(), "a0", conf);
    Path representations = dir.resolve("representations/modulus=6/" + group.runId()
        + ".parquet");
    assertThat(DamagedRuns.check(layout, conf)).isEqualTo(new DamagedRuns.Report(1, List.of()));
    truncate(representations, Files.size(representations) / 2);

    DamagedRuns.Report report = DamagedRuns.check(layout, conf);

    assertThat(report.damaged()).singleElement().satisfies(d -> {
      assertThat(d.runId()).isEqualTo(group.runId());
      assertThat(d.table()).isEqualTo(Layout.REPRESENTATIONS);
    });
    Path folder = Path.of(DamagedRuns.moveAside(layout, conf, report.damaged(),
        Instant.parse("2025-01-02T03:04:05Z")).toUri().getPath());
    for (String table : Layout.RUN_TABLES) {
      assertThat(folder.resolve(table + "/modulus=6/" + group.runId() + ".parquet")).as(table)
          .exists();
    }
    assertThat(RunCommitter.isCommitted(layout, conf, 6, group.runId())).isFalse();
  }

  private static org.apache.hadoop.fs.Path hadoop(Path file) {
    return new org.apache.hadoop.fs.Path(file.toUri());
  }
}
