package io.grokking.sweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.sweep.spark.SweepJob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep with training fraction 1 beside 0.5, trained for real and analysed: the run on every
 * pair commits with null test columns and no test pairs, and the analysis calls it {@code n/a} in
 * runs.csv, in the runs Parquet and in the report, while the other run keeps a phase.
 */
class EveryPairSweepTest {
  static final String CONFIG = "sweep { moduli = [7], weight-decays = [1.0],"
      + " train-fractions = [0.5, 1.0], seeds = [0] }\n"
      + "train { width = 16, learning-rate = 1e-2, steps = 40, eval-every = 10 }\n";

  @TempDir Path dir;

  @Test
  void theRunOnEveryPairHasNullTestColumnsAndPhaseNotApplicable() throws IOException {
    Path config = Files.writeString(dir.resolve("every-pair.conf"), CONFIG);
    Path outDir = dir.resolve("out");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);

    int code = GrokCli.commandLine(console, SweepJob.training()).execute("sweep", "--config",
        config.toString(), "--out", outDir.toString(), "--master", "local[2]", "--no-spark-ui");

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    Map<Double, Group> results = SweepOutput.files(outDir, "results").stream()
        .map(EveryPairSweepTest::onlyRow)
        .collect(Collectors.toMap(g -> g.getDouble("train_fraction", 0), g -> g));
    assertThat(results).containsOnlyKeys(0.5, 1.0);
    Group everyPair = results.get(1.0);
    assertThat(everyPair.getInteger("n_train", 0)).isEqualTo(49);
    assertThat(everyPair.getInteger("n_test", 0)).isZero();
    String everyPairId = everyPair.getString("run_id", 0);
    Path metrics = outDir.resolve("metrics/modulus=7/" + everyPairId + ".parquet");
    List<Group> rows = SweepOutput.rows(metrics);
    assertThat(rows).hasSize(41);
    assertThat(rows).allSatisfy(r -> {
      assertThat(r.getFieldRepetitionCount("test_loss")).isZero();
      assertThat(r.getFieldRepetitionCount("test_acc")).isZero();
    });
    assertThat(rows.stream().filter(r -> r.getFieldRepetitionCount("restricted_loss") == 1))
        .hasSize(5);

    List<Map<String, String>> csv = csv(outDir.resolve("report/runs.csv"));
    Map<String, String> na = csv.stream().filter(r -> r.get("run_id").equals(everyPairId))
        .findFirst().orElseThrow();
    assertThat(na.get("phase")).isEqualTo("n/a");
    assertThat(na.get("final_test_acc")).isEmpty();
    assertThat(na.get("t_test_90")).isEmpty();
    assertThat(na.get("delay_lower_bound")).as("no test set: nothing censored").isEmpty();
    assertThat(csv.stream().filter(r -> !r.get("run_id").equals(everyPairId)))
        .singleElement().satisfies(r -> assertThat(r.get("phase")).isNotEqualTo("n/a"));
    List<Group> runs = SweepOutput.files(outDir, "runs").stream()
        .filter(f -> f.getFileName().toString().endsWith(".parquet"))
        .flatMap(f -> read(f).stream()).toList();
    assertThat(runs).filteredOn(g -> g.getString("run_id", 0).equals(everyPairId))
        .singleElement().satisfies(g -> assertThat(g.getString("phase", 0)).isEqualTo("n/a"));
    assertThat(outDir.resolve("report/index.html")).content().contains("n/a");
    assertThat(outDir.resolve("report/phase-p7.svg")).content().contains("n/a (no test pairs)");
  }

  private static Group onlyRow(Path file) {
    List<Group> rows = read(file);
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  private static List<Group> read(Path file) {
    try {
      return SweepOutput.rows(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** runs.csv as header-keyed rows; its fields here hold no commas or quotes but the config's. */
  private static List<Map<String, String>> csv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    String[] header = lines.get(0).split(",", -1);
    return lines.stream().skip(1).map(line -> {
      String[] fields = splitCsv(line);
      return IntStream.range(0, header.length).boxed()
          .collect(Collectors.toMap(i -> header[i], i -> i < fields.length ? fields[i] : ""));
    }).toList();
  }

  private static String[] splitCsv(String line) {
    List<String> fields = new java.util.ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields.toArray(String[]::new);
  }
}
