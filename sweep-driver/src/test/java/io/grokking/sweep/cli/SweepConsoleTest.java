package io.grokking.sweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees of handled failures, with the launcher's own logging configuration: a sweep
 * whose attempts die on purpose prints one line per failed attempt and no stack trace, and the
 * log file under DIR, named by the summary, holds the traces.
 */
class SweepConsoleTest {
  private static final String CONFIG = "sweep { moduli = [7], weight-decays = [1.0],"
      + " train-fractions = [0.5], seeds = [0, 1] }\n"
      + "train { width = 16, learning-rate = 1e-2, steps = 40, eval-every = 10,"
      + " checkpoint-every = 10, stop-after-grok = false }\n";
  private static final int FAILED_ATTEMPTS = 4; // 2 runs × (mid-train, then commit)
  /** Lines a failed attempt may cost on the console. */
  private static final int LINES_PER_ATTEMPT = 2;
  /** Lines of a sweep that fails nothing: the fault injection warning, Spark's start-up. */
  private static final int OTHER_LINES = 6;

  @TempDir Path dir;

  @Test
  void injectedFailuresGetOneLineEachAndTheirTracesGoToTheLogFile() throws Exception {
    Path config = Files.writeString(dir.resolve("console.conf"), CONFIG);
    Path outDir = dir.resolve("out");
    GrokProcess.Finished grok = GrokProcess.run(dir, "sweep", "sweep",
        "--config", config.toString(), "--out", outDir.toString(), "--master", "local[1,3]",
        "--no-spark-ui", "--no-analyze",
        "--spark-conf", "spark.grok.fault-injection=mid-train:1,commit:2");
    String stdout = grok.out();
    String stderr = grok.err();

    assertThat(grok.exit()).as(stderr).isZero();
    List<String> lines = stderr.lines().toList();
    assertThat(lines).filteredOn(l -> l.contains("ended without a result"))
        .hasSize(FAILED_ATTEMPTS)
        .allSatisfy(l -> assertThat(l).contains("InjectedFault: spark.grok.fault-injection"));
    assertThat(lines).as(stderr).hasSizeLessThanOrEqualTo(
        FAILED_ATTEMPTS * LINES_PER_ATTEMPT + OTHER_LINES)
        .noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by"));
    assertThat(stdout).contains("completed 2", "log: " + outDir.resolve("logs").resolve("sweep-"));

    Path log = SweepWriteFailureTest.onlyLog(outDir);
    assertThat(stdout).contains("log: " + log);
    String traces = Files.readString(log);
    assertThat(traces).contains("InjectedFault", "\tat io.grokking.", "Lost task");
  }
}
