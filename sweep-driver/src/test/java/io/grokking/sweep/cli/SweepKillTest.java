package io.grokking.sweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code grok sweep} in its own JVM, killed with SIGKILL once a run is committed and the
 * next one is past a checkpoint, then run again: every run ends up committed exactly once, the
 * runs committed before the kill are not trained again, and the run that was cut off continues
 * from its checkpoint with every step recorded once.
 */
class SweepKillTest {
  private static final int STEPS = 600;
  private static final int RUNS = 3;
  private static final String CONFIG = "sweep { moduli = [7], weight-decays = [1.0],"
      + " train-fractions = [0.5], seeds = [0, 1, 2] }\n"
      + "train { width = 16, learning-rate = 1e-2, steps = " + STEPS + ", eval-every = 200,"
      + " checkpoint-every = 100, stop-after-grok = false }\n";
  private static final long TIMEOUT_SECONDS = 300;

  @TempDir Path dir;

  private Process start(Path config, Path out, String log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The test JVM's flags: the --add-opens Spark needs (surefire's argLine) and logging.
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-Dlog4j2.")
          || arg.startsWith("-Djdk.reflect.") || arg.startsWith("-Dio.netty.")) {
        command.add(arg);
      }
    }
    command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"),
        GrokCli.class.getName(), "sweep", "--config", config.toString(), "--out",
        out.toString(), "--master", "local[1,2]", "--no-spark-ui", "--no-analyze"));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectOutput(dir.resolve(log + ".out").toFile())
        .redirectError(dir.resolve(log + ".err").toFile());
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().put("OPENBLAS_NUM_THREADS", "1");
    return pb.start();
  }

  /** A run with a checkpoint but no result yet, and its newest checkpoint step. */
  private static Optional<Map.Entry<String, Integer>> cutRun(Path out, List<String> committed)
      throws IOException {
    for (String run : SweepOutput.list(out.resolve("_checkpoints"))) {
      if (committed.contains(run)) {
        continue;
      }
      Optional<Integer> step = SweepOutput.list(out.resolve("_checkpoints").resolve(run)).stream()
          .filter(n -> n.matches("state-\\d+\\.bin"))
          .map(n -> Integer.parseInt(n.replaceAll("\\D", "")))
          .max(Integer::compare);
      if (step.isPresent()) {
        return Optional.of(Map.entry(run, step.get()));
      }
    }
    return Optional.empty();
  }

  private static List<String> committed(Path out) throws IOException {
    return SweepOutput.files(out, "results").stream().map(SweepOutput::runId).toList();
  }

  @Test
  void aKilledSweepResumesWithoutLosingDuplicatingOrRetrainingRuns() throws Exception {
    Path config = Files.writeString(dir.resolve("kill.conf"), CONFIG);
    Path out = dir.resolve("out");

    Process first = start(config, out, "first");
    Map.Entry<String, Integer> cut = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (cut == null && first.isAlive() && System.nanoTime() < deadline) {
      List<String> done = committed(out);
      Optional<Map.Entry<String, Integer>> mid = done.isEmpty() ? Optional.empty()
          : cutRun(out, done);
      if (mid.isPresent()) {
        first.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
        cut = mid.get();
      } else {
        Thread.sleep(20);
      }
    }
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(cut).as("a run past a checkpoint while another was committed; first.err:%n%s",
        read("first.err")).isNotNull();
    String cutRun = cut.getKey();
    List<String> before = committed(out);
    assertThat(before).isNotEmpty().doesNotContain(cutRun).hasSizeLessThan(RUNS);
    Map<String, Long> startedAt = new HashMap<>();
    Map<String, Long> modified = new HashMap<>();
    for (Path result : SweepOutput.files(out, "results")) {
      startedAt.put(SweepOutput.runId(result),
          SweepOutput.rows(result).get(0).getLong("started_at_ms", 0));
      modified.put(SweepOutput.runId(result), Files.getLastModifiedTime(result).toMillis());
    }

    Process second = start(config, out, "second");
    assertThat(second.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).as(read("second.err")).isZero();
    assertThat(read("second.out")).contains(RUNS + " runs", "resume",
        before.size() + " already committed");

    // Every run exactly once, in every table.
    for (String table : List.of("results", "metrics", "spectra", "neurons")) {
      assertThat(SweepOutput.files(out, table)).as(table).hasSize(RUNS)
          .extracting(SweepOutput::runId).doesNotHaveDuplicates();
    }
    for (Path result : SweepOutput.files(out, "results")) {
      String run = SweepOutput.runId(result);
      Group row = SweepOutput.rows(result).get(0);
      assertThat(SweepOutput.rows(result)).hasSize(1);
      assertThat(row.getString("status", 0)).isEqualTo("completed");
      if (before.contains(run)) {
        assertThat(row.getLong("started_at_ms", 0)).as("not retrained: %s", run)
            .isEqualTo(startedAt.get(run));
        assertThat(Files.getLastModifiedTime(result).toMillis()).isEqualTo(modified.get(run));
      }
      if (run.equals(cutRun)) {
        assertThat(row.getString("message", 0))
            .isEqualTo("resumed from the checkpoint at step " + cut.getValue());
      }
    }
    for (Path metrics : SweepOutput.files(out, "metrics")) {
      assertThat(SweepOutput.steps(metrics)).as(metrics.toString())
          .containsExactlyElementsOf(IntStream.rangeClosed(0, STEPS).boxed().toList());
    }
    assertThat(SweepOutput.list(out.resolve("_checkpoints"))).isEmpty();
    assertThat(SweepOutput.list(out.resolve("_staging"))).isEmpty();
  }

  private String read(String name) throws IOException {
    Path file = dir.resolve(name);
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
