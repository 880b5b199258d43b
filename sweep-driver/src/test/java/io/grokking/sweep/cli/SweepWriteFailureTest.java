package io.grokking.sweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up mid-sweep, injected where the storage would refuse (every file an attempt
 * creates once two runs are committed fails with "No space left on device"): the sweep stops
 * with one message naming the directory, the cause and the counts, exit code 3, retries nothing,
 * starts no further run, keeps the committed runs and cleans the failed attempt's staging. With
 * space again, the same command resumes to exactly one copy per run.
 */
class SweepWriteFailureTest {
  private static final int RUNS = 4;
  private static final String CONFIG = "sweep { moduli = [7], weight-decays = [1.0],"
      + " train-fractions = [0.5], seeds = [0, 1, 2, 3] }\n"
      + "train { width = 16, learning-rate = 1e-2, steps = 30, eval-every = 10,"
      + " checkpoint-every = 10, stop-after-grok = false }\n";

  @TempDir Path dir;

  private int grok(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
    return InProcess.grok(out, err, args);
  }

  @Test
  void aFullDiskStopsTheSweepWithOneMessageAndARerunWithSpaceResumes() throws IOException {
    Path config = Files.writeString(dir.resolve("full.conf"), CONFIG);
    Path outDir = dir.resolve("out");
    // One task slot, so the runs go one after another and the third meets the full disk.
    String[] args = {"sweep", "--config", config.toString(), "--out", outDir.toString(),
        "--master", "local[1,4]", "--no-spark-ui"};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = grok(out, err, concat(args, "--spark-conf",
        "spark.grok.fault-injection=no-space:2"));

    String printed = out.toString(StandardCharsets.UTF_8);
    String errors = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed + errors).isEqualTo(3);
    assertThat(errors.lines().toList()).as("one message").singleElement().asString()
        .isEqualTo("error: no space left on device under " + outDir + ": 2 of " + RUNS
            + " runs committed; free space and run the same command again to resume");
    assertThat(printed).contains("no space left on device: 1 attempt stopped, 1 run not"
        + " started, none retried", "report: none", "log: " + outDir.resolve("logs"))
        .doesNotContain("runs classified");
    List<Path> results = SweepOutput.files(outDir, "results");
    assertThat(results).hasSize(2);
    Map<String, Long> modified = new HashMap<>();
    for (Path result : results) {
      modified.put(SweepOutput.runId(result), Files.getLastModifiedTime(result).toMillis());
    }
    for (Path metrics : SweepOutput.files(outDir, "metrics")) {
      assertThat(SweepOutput.steps(metrics)).containsExactlyElementsOf(
          IntStream.rangeClosed(0, 30).boxed().toList());
    }
    assertThat(SweepOutput.files(outDir, "metrics")).hasSize(2);
    assertThat(SweepOutput.list(outDir.resolve("_staging"))).as("staging cleaned").isEmpty();
    assertThat(SweepOutput.list(outDir.resolve("_checkpoints")))
        .as("the run that met the full disk stopped at its first write").isEmpty();
    Path log = onlyLog(outDir);
    assertThat(Files.readString(log)).contains("No space left on device", "\tat ")
        .doesNotContain("ended without a result");

    ByteArrayOutputStream again = new ByteArrayOutputStream();
    ByteArrayOutputStream againErr = new ByteArrayOutputStream();
    int rerun = grok(again, againErr, concat(args, "--no-analyze"));

    assertThat(rerun).as(againErr.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(again.toString(StandardCharsets.UTF_8)).contains(RUNS + " runs", "resume",
        "2 already committed", "2 trained now");
    for (String table : List.of("results", "metrics", "spectra", "neurons")) {
      assertThat(SweepOutput.files(outDir, table)).as(table).hasSize(RUNS)
          .extracting(SweepOutput::runId).doesNotHaveDuplicates();
    }
    for (Path result : SweepOutput.files(outDir, "results")) {
      assertThat(SweepOutput.rows(result)).hasSize(1);
      Long before = modified.get(SweepOutput.runId(result));
      if (before != null) {
        assertThat(Files.getLastModifiedTime(result).toMillis()).as("kept").isEqualTo(before);
      }
    }
  }

  static Path onlyLog(Path outDir) throws IOException {
    try (Stream<Path> logs = Files.list(outDir.resolve("logs"))) {
      List<Path> all = logs.filter(p -> p.getFileName().toString().startsWith("sweep-")).toList();
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }

  static String[] concat(String[] args, String... more) {
    return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
  }
}
