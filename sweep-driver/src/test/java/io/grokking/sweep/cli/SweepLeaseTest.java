package io.grokking.sweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two drivers on one directory: while a real {@code grok sweep} process trains, a second one
 * refuses with exit code 2, naming the holder and writing nothing; once the first is SIGKILLed,
 * its lease is stale (its process is gone) and a rerun resumes without any option.
 */
class SweepLeaseTest {
  private static final int RUNS = 2;
  private static final String CONFIG = "sweep { moduli = [7], weight-decays = [1.0],"
      + " train-fractions = [0.5], seeds = [0, 1] }\n"
      + "train { width = 16, learning-rate = 1e-2, steps = 3000, eval-every = 500,"
      + " checkpoint-every = 500, stop-after-grok = false }\n";
  private static final long TIMEOUT_SECONDS = 240;

  @TempDir Path dir;

  private int grok(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
    return InProcess.grok(out, err, args);
  }

  @Test
  void aSecondDriverRefusesWhileTheFirstRunsAndResumesAfterItIsKilled() throws Exception {
    Path config = Files.writeString(dir.resolve("lease.conf"), CONFIG);
    Path outDir = dir.resolve("out");
    String[] args = {"sweep", "--config", config.toString(), "--out", outDir.toString(),
        "--master", "local[1,2]", "--no-spark-ui", "--no-analyze"};
    Process first = GrokProcess.start(dir, "first", null, args);
    try {
      Path lease = outDir.resolve("_lease");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
      // Training has begun once a checkpoint exists: the lease is taken before anything else.
      while (first.isAlive() && System.nanoTime() < deadline
          && SweepOutput.list(outDir.resolve("_checkpoints")).isEmpty()) {
        Thread.sleep(20);
      }
      assertThat(first.isAlive()).as(Files.readString(dir.resolve("first.err"))).isTrue();
      assertThat(lease).content().contains("pid=" + first.pid());
      List<String> before = SweepOutput.list(outDir);

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int refused = grok(out, err, args);

      assertThat(refused).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement()
          .asString().startsWith("error: --out: " + outDir + " is in use by another grok sweep:"
              + " host ").contains("pid " + first.pid(), "--take-over-lease");
      assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
      assertThat(SweepOutput.list(outDir)).containsExactlyInAnyOrderElementsOf(before);
      assertThat(lease).content().contains("pid=" + first.pid());
    } finally {
      first.destroyForcibly(); // SIGKILL: the lease stays behind
    }
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(outDir.resolve("_lease")).exists();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = grok(out, err, args);

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains(RUNS + " runs", "resume");
    for (String table : List.of("results", "metrics")) {
      assertThat(SweepOutput.files(outDir, table)).as(table).hasSize(RUNS)
          .extracting(SweepOutput::runId).doesNotHaveDuplicates();
    }
    assertThat(outDir.resolve("_lease")).as("released at the end").doesNotExist();
  }
}
