package io.grokking.sweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A console that does not grow with the sweep, with the launcher's own logging: no line per
 * completed run (those go to the log file under DIR/logs), the diverged run's line still shown,
 * and the summary.
 */
class SweepConsoleScaleTest {
  /** 12 runs: 6 seeds at a learning rate that trains, 6 at one that diverges with weight decay 1. */
  private static final String CONFIG = "sweep { moduli = [7], weight-decays = [1.0],"
      + " train-fractions = [0.5], seeds = [0, 1, 2, 3, 4, 5],"
      + " axes { train.learning-rate = [1e-2, 10] } }\n"
      + "train { width = 16, steps = 60, warmup-steps = 0, eval-every = 20, stop-after-grok = false }\n";
  private static final int COMPLETED = 6;
  private static final int DIVERGED = 6;
  /** Every line but the runs' own: Spark's start-up, the first line, the summary and its list. */
  private static final int OTHER_LINES = 20;

  @TempDir Path dir;

  @Test
  void completedRunsGoToTheLogFileOnlyAndDivergedOnesStayOnTheConsole() throws Exception {
    Path config = Files.writeString(dir.resolve("scale.conf"), CONFIG);
    Path outDir = dir.resolve("out");
    GrokProcess.Finished grok = GrokProcess.run(dir, "sweep", "sweep", "--config",
        config.toString(), "--out", outDir.toString(), "--master", "local[2]", "--no-spark-ui",
        "--no-analyze");
    String stdout = grok.out();
    String stderr = grok.err();
    List<String> console = Stream.concat(stdout.lines(), stderr.lines()).toList();

    assertThat(grok.exit()).as(stdout + stderr).isEqualTo(GrokCli.EXIT_FAILED);
    assertThat(stdout).contains("completed " + COMPLETED, "diverged " + DIVERGED);
    assertThat(console).as(stdout + stderr)
        .noneMatch(l -> l.contains(": completed after"))
        .hasSizeLessThanOrEqualTo(2 * DIVERGED + OTHER_LINES);
    assertThat(stderr.lines().filter(l -> l.contains(": diverged after"))).hasSize(DIVERGED);

    String log = Files.readString(SweepWriteFailureTest.onlyLog(outDir));
    assertThat(log.lines().filter(l -> l.contains(": completed after"))).hasSize(COMPLETED);
    assertThat(log.lines().filter(l -> l.contains(": diverged after"))).hasSize(DIVERGED);
  }
}
