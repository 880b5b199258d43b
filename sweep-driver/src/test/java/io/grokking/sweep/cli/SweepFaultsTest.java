package io.grokking.sweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real training on local Spark with failures on purpose: retried attempts commit each run once,
 * a retry resumes from the checkpoint its dead attempt left, and a diverging run is recorded as
 * diverged while the sweep finishes.
 */
class SweepFaultsTest {
  static final String TINY = "sweep { moduli = [7, 11], weight-decays = [1.0],"
      + " train-fractions = [0.5], seeds = [0] }\n"
      + "train { width = 16, learning-rate = 1e-2, steps = 40, eval-every = 10,"
      + " checkpoint-every = 10, stop-after-grok = false }\n";

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int grok(String... args) {
    return InProcess.grok(out, err, args);
  }

  @Test
  void retriedAttemptsCommitEachRunOnceAndResumeFromTheirCheckpoint() throws IOException {
    Path config = Files.writeString(dir.resolve("tiny.conf"), TINY);
    Path outDir = dir.resolve("out");

    // Attempt 0 of every run dies after step 20 (checkpoint at 20 saved), attempt 1 dies after
    // publishing its data files but before its result (after saving the checkpoint at 30), and
    // attempt 2 resumes from step 30 and commits.
    int code = grok("sweep", "--config", config.toString(), "--out", outDir.toString(),
        "--master", "local[2,3]", "--no-spark-ui", "--no-analyze",
        "--spark-conf", "spark.grok.fault-injection=mid-train:1,commit:2");

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 runs", "completed 2");
    List<Path> results = SweepOutput.files(outDir, "results");
    assertThat(results).hasSize(2);
    for (Path result : results) {
      List<Group> rows = SweepOutput.rows(result);
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).getString("status", 0)).isEqualTo("completed");
      assertThat(rows.get(0).getString("message", 0))
          .isEqualTo("resumed from the checkpoint at step 30");
    }
    List<Path> metrics = SweepOutput.files(outDir, "metrics");
    assertThat(metrics).extracting(SweepOutput::runId)
        .containsExactlyInAnyOrderElementsOf(results.stream().map(SweepOutput::runId).toList());
    for (Path m : metrics) {
      assertThat(SweepOutput.steps(m)).containsExactlyElementsOf(
          IntStream.rangeClosed(0, 40).boxed().toList());
    }
    assertThat(SweepOutput.files(outDir, "spectra")).hasSize(2);
    assertThat(SweepOutput.list(outDir.resolve("_checkpoints"))).isEmpty();
  }

  @Test
  void aBadFaultInjectionValueExitsTwoAndWritesNothing() throws IOException {
    Path config = Files.writeString(dir.resolve("tiny.conf"), TINY);
    Path outDir = dir.resolve("out");

    int code = grok("sweep", "--config", config.toString(), "--out", outDir.toString(),
        "--spark-conf", "spark.grok.fault-injection=halfway:1");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(
        "error: spark.grok.fault-injection: must be").contains("start, mid-train, commit",
        "found halfway:1");
    assertThat(outDir).doesNotExist();
  }

  @Test
  void learningRateTenIsRecordedAsDivergedAndTheSweepFinishes() throws IOException {
    // lr · wd = 10 > 2: decoupled weight decay multiplies the weights by −9 each step until
    // float32 overflows (see Trainer); without weight decay the same learning rate stays finite.
    Path config = Files.writeString(dir.resolve("lr10.conf"), "sweep { moduli = [11],"
        + " weight-decays = [0.0, 1.0], train-fractions = [0.5], seeds = [0] }\n"
        + "train { width = 32, learning-rate = 10, steps = 100, eval-every = 10,"
        + " stop-after-grok = false }\n");
    Path outDir = dir.resolve("out");

    int code = grok("sweep", "--config", config.toString(), "--out", outDir.toString(),
        "--master", "local[2]", "--no-spark-ui", "--no-analyze");

    String summary = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as("a diverged run makes the exit code 1").isEqualTo(1);
    assertThat(summary).contains("completed 1", "diverged 1", "failed or diverged runs:",
        "diverged after", "training loss became NaN");
    List<String> statuses = SweepOutput.files(outDir, "results").stream()
        .map(f -> {
          try {
            return SweepOutput.rows(f).get(0).getString("status", 0);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }).toList();
    assertThat(statuses).containsExactlyInAnyOrder("completed", "diverged");
  }
}
