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
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refining sweep end to end, with real training, Spark and Parquet: weight decay 0 fits the
 * training set and weight decay 30 cannot (each step shrinks the weights by 30 %), so every
 * coarse cell disagrees along weight decay and both rounds add points. The rounds are trained,
 * reported and drawn; a rerun trains nothing; a sweep killed with SIGKILL in its first round
 * resumes without retraining a committed run and ends with exactly the runs of the uninterrupted
 * sweep.
 */
class RefineSweepTest {
  private static final String CONFIG = "sweep { moduli = [7], weight-decays = [0.0, 30.0],"
      + " train-fractions = [0.5, 0.8], seeds = [0], refine { rounds = 2 } }\n"
      + "train { width = 16, learning-rate = 1e-2, steps = 300, eval-every = 20,"
      + " stop-after-grok = false }\n";
  private static final long TIMEOUT_SECONDS = 300;

  @TempDir Path dir;
  private ByteArrayOutputStream out;

  private int grok(String... args) {
    out = new ByteArrayOutputStream();
    return InProcess.grok(out, new ByteArrayOutputStream(), args);
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private static TreeSet<String> committed(Path sweep) throws IOException {
    return new TreeSet<>(SweepOutput.files(sweep, "results").stream()
        .map(SweepOutput::runId).toList());
  }

  private static Map<String, Long> startedAt(Path sweep) throws IOException {
    Map<String, Long> started = new HashMap<>();
    for (Path result : SweepOutput.files(sweep, "results")) {
      started.put(SweepOutput.runId(result),
          SweepOutput.rows(result).get(0).getLong("started_at_ms", 0));
    }
    return started;
  }

  @Test
  void refinesWhereCornersDisagreeResumesAndRetrainsNothing() throws Exception {
    Path config = Files.writeString(dir.resolve("refine.conf"), CONFIG);
    Path reference = dir.resolve("reference");

    assertThat(grok("sweep", "--config", config.toString(), "--out", reference.toString(),
        "--master", "local[2]", "--no-spark-ui")).as(printed()).isZero();
    String first = printed();
    assertThat(first).contains("4 runs into", "config " + config + ")",
        "then up to 2 rounds of refinement",
        "round 1/2: ", "round 2/2: ", "refinement: grid 4 runs, round 1 +",
        "a uniform 5 × 5 grid would need 25");
    TreeSet<String> runs = committed(reference);
    assertThat(runs.size()).isGreaterThan(4 + 2).isLessThan(25);
    // the midpoint of weight decay 0 and 30 was trained at both fractions
    List<Path> results = SweepOutput.files(reference, "results");
    List<Double> decays = results.stream().map(r -> {
      try {
        return SweepOutput.rows(r).get(0).getDouble("weight_decay", 0);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).toList();
    assertThat(decays).contains(0.0, 15.0, 30.0);
    Path report = reference.resolve("report");
    assertThat(report.resolve("refined-p7.png")).isNotEmptyFile();
    List<String> boundaries = Files.readAllLines(report.resolve("boundaries.csv"));
    assertThat(boundaries.get(0)).startsWith("panel,x_setting,y_setting,orientation");
    assertThat(boundaries).hasSizeGreaterThan(1);
    assertThat(boundaries.subList(1, boundaries.size()))
        .allMatch(l -> l.startsWith("p = 7,sweep.weight-decays,sweep.train-fractions,"));
    String html = Files.readString(report.resolve("index.html"));
    assertThat(html).contains("refined-p7.png", "boundaries.csv", "<map name=\"map-refined-p7\">");
    // the refined diagram's image map links every point's cell to the runs of that cell
    String refinedMap = html.substring(html.indexOf("<map name=\"map-refined-p7\">"));
    refinedMap = refinedMap.substring(0, refinedMap.indexOf("</map>"));
    assertThat(refinedMap.split("<area ", -1)).hasSize(runs.size() + 1);
    assertThat(refinedMap.lines().filter(l -> l.startsWith("<area ")))
        .allMatch(l -> l.contains("href=\"#cell-p7-"));
    assertThat(Files.readString(reference.resolve("sweep.conf"))).contains("refine.rounds = 2");

    // read off its own refined diagram, every point shows its own phase
    assertThat(grok("compare", reference.toString(), reference.toString())).isZero();
    assertThat(printed()).contains("phases agree at " + runs.size() + " of " + runs.size()
        + " uniform points (100.0 %)", "the refinement trained 100.0 %");

    // a plain grid is no refinement to compare: a usage error, before Spark starts
    Path plain = Files.createDirectories(dir.resolve("plain"));
    Files.writeString(plain.resolve("sweep.conf"), "sweep { moduli = [7] }\n");
    assertThat(grok("compare", plain.toString(), reference.toString())).isEqualTo(2);
    assertThat(printed()).isEmpty();

    // a completed refinement run again trains nothing
    Map<String, Long> started = startedAt(reference);
    assertThat(grok("sweep", "--config", config.toString(), "--out", reference.toString(),
        "--master", "local[2]", "--no-spark-ui", "--no-analyze")).isZero();
    assertThat(printed()).contains("Nothing to train: all " + runs.size() + " runs");
    assertThat(startedAt(reference)).isEqualTo(started);

    // killed in its first round, resumed: nothing committed is retrained, the same runs result
    Path killed = dir.resolve("killed");
    Process sweep = GrokProcess.start(dir, "killed", null, "sweep", "--config",
        config.toString(), "--out", killed.toString(), "--master", "local[1,2]",
        "--no-spark-ui", "--no-analyze");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (sweep.isAlive() && committed(killed).size() < 5 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    sweep.destroyForcibly();
    assertThat(sweep.waitFor(60, TimeUnit.SECONDS)).isTrue();
    TreeSet<String> before = committed(killed);
    assertThat(before.size()).as("killed after the coarse grid, before the end")
        .isGreaterThanOrEqualTo(5).isLessThan(runs.size());
    Map<String, Long> startedBefore = startedAt(killed);

    assertThat(grok("sweep", "--config", config.toString(), "--out", killed.toString(),
        "--master", "local[2]", "--no-spark-ui", "--no-analyze")).as(printed()).isZero();
    assertThat(committed(killed)).isEqualTo(runs);
    Map<String, Long> startedAfter = startedAt(killed);
    for (String run : before) {
      assertThat(startedAfter.get(run)).as("not retrained: %s", run)
          .isEqualTo(startedBefore.get(run));
    }
    assertThat(SweepOutput.files(killed, "metrics")).hasSize(runs.size());
  }
}
