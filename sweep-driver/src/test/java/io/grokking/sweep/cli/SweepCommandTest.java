package io.grokking.sweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.sweep.spark.RunFunction;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.output.Layout;
import io.grokking.trainer.output.ParquetTable;
import io.grokking.trainer.run.RunOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grok sweep} end to end on local[2] with a fake run function that commits by creating the
 * result file: sweep.conf, summary, exit code, and resuming into the same directory.
 */
class SweepCommandTest {
  /** Local tasks run in this JVM, so a static counter sees every call. */
  static final AtomicInteger CALLS = new AtomicInteger();

  @TempDir Path dir;

  /** Commits every run but the one with p = 7 and weight decay 0, which fails. */
  static final class FakeRun implements RunFunction {
    @Override
    public RunOutcome run(RunSpec s, String outDir, String attempt) {
      CALLS.incrementAndGet();
      boolean fails = s.modulus() == 7 && s.weightDecay() == 0;
      if (!fails) {
        try {
          commit(outDir, s, 10);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return new RunOutcome(s.runId(), s.modulus(), s.weightDecay(), s.trainFraction(), s.seed(),
          fails ? RunStatus.FAILED : RunStatus.GENERALIZED, 10, fails ? "fake failure" : null,
          1, 1, 0.01, 0, 0.02, false);
    }
  }

  /**
   * A result file and metrics rows for steps 0 to {@code steps}: just the columns that the check
   * of committed runs before a sweep ({@link io.grokking.trainer.output.DamagedRuns}) reads.
   */
  static void commit(String outDir, RunSpec s, int steps) throws IOException {
    Layout layout = new Layout(outDir);
    Configuration conf = new Configuration();
    try (ParquetTable metrics = new ParquetTable(layout.runFile(Layout.METRICS, s.modulus(),
        s.runId()), MessageTypeParser.parseMessageType(
            "message m { required binary run_id (STRING); required int32 step; }"), conf)) {
      for (int step = 0; step <= steps; step++) {
        metrics.write(metrics.newRow().append("run_id", s.runId()).append("step", step));
      }
    }
    try (ParquetTable result = new ParquetTable(layout.runFile(Layout.RESULTS, s.modulus(),
        s.runId()), MessageTypeParser.parseMessageType("message r { required binary run_id"
            + " (STRING); required binary status (STRING); required int32 steps_run; }"), conf)) {
      result.write(result.newRow().append("run_id", s.runId()).append("status", "generalized")
          .append("steps_run", steps));
    }
  }

  private int sweep(ByteArrayOutputStream out, String... args) {
    Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
    return GrokCli.commandLine(console, new FakeRun()).execute(args);
  }

  @Test
  void sweepsWritesSweepConfSummarisesAndResumes() throws IOException {
    Path config = Files.writeString(dir.resolve("tiny.conf"), GrokCliTest.GOOD
        + "sweep.moduli = [7, 11]\n");
    Path outDir = dir.resolve("out");
    String[] args = {"sweep", "--config", config.toString(), "--out", outDir.toString(),
        "--master", "local[2]", "--no-spark-ui", "--no-analyze"};

    ByteArrayOutputStream first = new ByteArrayOutputStream();
    CALLS.set(0);
    assertThat(sweep(first, args)).as("a failed run makes the exit code 1").isEqualTo(1);
    String summary = first.toString(StandardCharsets.UTF_8);
    assertThat(CALLS.get()).isEqualTo(4);
    assertThat(summary).contains("4 runs", "0 already committed", "generalized 3", "failed 1",
        "fake failure", "model-steps: 40", "wall time outside training", "report: none");
    assertThat(outDir.resolve("sweep.conf")).content().contains("grid-hash", "moduli = [7, 11]");

    ByteArrayOutputStream second = new ByteArrayOutputStream();
    CALLS.set(0);
    assertThat(sweep(second, args)).isEqualTo(1);
    assertThat(CALLS.get()).as("only the failed run is submitted again").isEqualTo(1);
    assertThat(second.toString(StandardCharsets.UTF_8))
        .contains("resume", "3 already committed", "1 trained now, 3 committed earlier");
  }
}
