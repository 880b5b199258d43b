package io.grokking.sweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code grok bench analysis} writes a synthetic sweep the analysis reads like a trained one,
 * analyses it cold and after 1 % more runs, and prints one JSON line; bad input is exit 2.
 */
class BenchAnalysisCommandTest {
  private static final Pattern JSON = Pattern.compile("\\{\"runs\":(\\d+),\"files\":(\\d+),"
      + "\"cold_s\":([0-9.]+),\"incremental_s\":([0-9.]+),\"resume_check_s\":([0-9.]+),"
      + "\"driver_heap_mb\":([0-9.]+)}");

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
      new PrintStream(err, true, StandardCharsets.UTF_8), false);

  @Test
  void fortyRunsAreWrittenAnalysedTwiceAndMeasured() throws IOException {
    Path sweep = dir.resolve("sweep");

    int code = GrokCli.run(console, "bench", "analysis", "--runs", "40", "--dir",
        sweep.toString(), "--keep", "--master", "local[2]");

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed + err).isZero();
    List<String> json = printed.lines().filter(l -> l.startsWith("{")).toList();
    assertThat(json).hasSize(1);
    Matcher m = JSON.matcher(json.get(0));
    assertThat(m.matches()).as(json.get(0)).isTrue();
    assertThat(m.group(1)).isEqualTo("40");
    assertThat(m.group(2)).as("four tables per run").isEqualTo("160");
    for (int g = 3; g <= 6; g++) {
      assertThat(Double.parseDouble(m.group(g))).as(json.get(0)).isPositive();
    }
    assertThat(printed).contains("cold analyze", "40 runs classified",
        "incremental analyze", "41 runs classified");
    // 1 % of 40 rounds up to one more run; every phase occurs
    for (String table : List.of("metrics", "neurons", "spectra", "results")) {
      assertThat(SweepOutput.files(sweep, table)).as(table).hasSize(41);
    }
    List<String> rows = Files.readAllLines(sweep.resolve("report/runs.csv"));
    assertThat(rows).hasSize(42);
    for (String phase : List.of("comprehension", "grokking", "memorization", "confusion")) {
      assertThat(rows).as(phase).anyMatch(r -> r.contains("," + phase + ","));
    }
    assertThat(SweepOutput.steps(SweepOutput.files(sweep, "metrics").get(0)))
        .hasSize(BenchAnalysisCommand.STEPS + 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-3", "1000001", "ten", "1.5"})
  void aBadRunCountIsAUsageErrorNamingTheOptionRangeAndValue(String runs) {
    Path sweep = dir.resolve("never");

    int code = GrokCli.run(console, "bench", "analysis", "--runs", runs, "--dir",
        sweep.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo(
        "error: --runs: must be an integer in [1, 1000000], found " + runs);
    assertThat(sweep).doesNotExist();
  }

  @Test
  void aDirectoryWithFilesIsRefused() throws IOException {
    Files.writeString(dir.resolve("other.txt"), "x");

    int code = GrokCli.run(console, "bench", "analysis", "--runs", "5", "--dir",
        dir.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--dir", dir.toString());
    assertThat(dir.resolve("sweep.conf")).doesNotExist();
  }

  @Test
  void aLargeSweepIsAllowedAndSpreadOverThePlaneSeedBySeed() {
    var grid = io.grokking.sweep.grid.GridExpander.expand(BenchAnalysisCommand.config(5_050));
    var order = BenchAnalysisCommand.spread(grid);

    assertThat(grid).hasSize(90 * 57);
    assertThat(order).containsExactlyInAnyOrderElementsOf(grid);
    assertThat(order.subList(0, 90)).allMatch(s -> s.seed() == 0)
        .extracting(s -> s.weightDecay() + "/" + s.trainFraction()).doesNotHaveDuplicates();
  }

  @Test
  void helpDescribesTheMeasurement() {
    int code = GrokCli.run(console, "bench", "analysis", "--help");

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--runs", "--dir", "--keep",
        "cold", "resume check", "driver_heap_mb");
  }
}
