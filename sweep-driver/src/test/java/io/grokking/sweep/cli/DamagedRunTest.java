package io.grokking.sweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A committed run whose metrics file is really cut short: {@code grok verify} names it and
 * changes nothing, {@code grok analyze} names it, leaves it out with a note in the report and
 * still draws the others, and {@code grok sweep} moves its files aside and trains it again to the
 * same metrics.
 */
class DamagedRunTest {
  private static final String CONFIG = "sweep { moduli = [7], weight-decays = [1.0],"
      + " train-fractions = [0.5], seeds = [0, 1, 2] }\n"
      + "train { width = 16, learning-rate = 1e-2, steps = 30, eval-every = 10,"
      + " stop-after-grok = false }\n";

  @TempDir Path dir;
  private ByteArrayOutputStream out;
  private ByteArrayOutputStream err;

  private int grok(String... args) {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    return InProcess.grok(out, err, args);
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aTruncatedMetricsFileIsNamedLeftOutOfTheReportAndTrainedAgain() throws IOException {
    Path config = Files.writeString(dir.resolve("damaged.conf"), CONFIG);
    Path outDir = dir.resolve("out");
    String[] sweep = {"sweep", "--config", config.toString(), "--out", outDir.toString(),
        "--master", "local[2]", "--no-spark-ui", "--no-analyze"};
    assertThat(grok(sweep)).as(printed()).isZero();
    Path metrics = SweepOutput.files(outDir, "metrics").get(1);
    String damaged = SweepOutput.runId(metrics);
    List<String> before = SweepOutput.rows(metrics).stream().map(Group::toString).toList();
    long length = Files.size(metrics);
    try (RandomAccessFile f = new RandomAccessFile(metrics.toFile(), "rw")) {
      f.setLength(length / 2);
    }

    assertThat(grok("verify", outDir.toString())).as(printed()).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains(
        "grok verify: 3 of 3 runs committed in " + outDir + ", 1 damaged",
        "damaged run " + damaged + ": " + metrics,
        "lease: none");
    assertThat(metrics).hasSize(length / 2);

    assertThat(grok("analyze", outDir.toString(), "--master", "local[2]")).as(printed())
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: damaged run " + damaged
        + ": ", "metrics/modulus=7/" + damaged + ".parquet",
        "1 of the committed runs cannot be read and were left out of the report");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 runs classified",
        "1 damaged left out");
    String html = Files.readString(outDir.resolve("report/index.html"));
    assertThat(html).contains("id=\"left-out\"", "1 committed run is left out", damaged,
        "2 committed runs");
    assertThat(Files.readAllLines(outDir.resolve("report/runs.csv"))).hasSize(3)
        .noneMatch(line -> line.contains(damaged));
    try (Stream<Path> report = Files.list(outDir.resolve("report"))) {
      assertThat(report.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("phase-") && n.endsWith(".png"))
          .anyMatch(n -> n.startsWith("curves-") && n.endsWith(".png"));
    }

    assertThat(grok(sweep)).as(printed()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("damaged run " + damaged,
        "2 already committed", "1 trained now", "1 damaged run moved aside to "
            + outDir.resolve("_damaged"), "and trained again");
    Path aside;
    try (Stream<Path> moves = Files.list(outDir.resolve("_damaged"))) {
      aside = moves.findFirst().orElseThrow();
    }
    assertThat(aside.resolve("metrics/modulus=7/" + damaged + ".parquet")).hasSize(length / 2);
    assertThat(aside.resolve("results/modulus=7/" + damaged + ".parquet")).exists();
    assertThat(SweepOutput.rows(metrics).stream().map(Group::toString).toList())
        .as("trained again to the same metrics").containsExactlyElementsOf(before);
    assertThat(SweepOutput.files(outDir, "results")).hasSize(3);

    assertThat(grok("verify", outDir.toString())).as(printed()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("3 of 3 runs committed",
        "all readable");
  }
}
