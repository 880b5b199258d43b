package io.grokking.sweep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full disk of issue 22 as a user meets it: 12 runs of width 128 into a 600 KB tmpfs, whose
 * run log under DIR/logs fills up with the runs. The console shows one line per handled failure
 * (each attempt stopped), the summary and the one-line error with exit code 3; it used to show
 * 1 330 lines, log4j's stack trace for every line the full log file refused. Needs a tmpfs
 * mount, so root on Linux; skipped elsewhere.
 */
class SweepFullTmpfsTest {
  private static final String CONFIG = "sweep { moduli = [23], weight-decays = [1.0],"
      + " train-fractions = [0.3, 0.6], seeds = [0, 1, 2, 3, 4, 5] }\n"
      + "train { width = 128, steps = 3000, eval-every = 100, stop-after-grok = false }\n";
  /** Spark's start-up, the first line, the progress line and the summary. */
  private static final int OTHER_LINES = 16;
  /** Attempts the full disk may stop: one per task slot of local[2]. */
  private static final int SLOTS = 2;

  @TempDir Path dir;

  @Test
  void aFullTmpfsGivesOneLinePerStoppedAttemptAndNoTraces() throws Exception {
    Path disk = Files.createDirectory(dir.resolve("disk"));
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", disk.toString()) == 0,
        "cannot mount a tmpfs here");
    try {
      Path config = Files.writeString(dir.resolve("full.conf"), CONFIG);
      GrokProcess.Finished grok = GrokProcess.run(dir, "sweep", "sweep", "--config",
          config.toString(), "--out", disk.resolve("out").toString(), "--master", "local[2]",
          "--no-spark-ui");
      List<String> console = Stream.concat(grok.out().lines(), grok.err().lines()).toList();

      assertThat(grok.exit()).as(grok.out() + grok.err()).isEqualTo(GrokCli.EXIT_UNWRITABLE);
      assertThat(console).as(grok.out() + grok.err())
          .noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by"))
          .hasSizeLessThanOrEqualTo(SLOTS + OTHER_LINES);
      assertThat(grok.err().lines().filter(l -> l.contains("could not write")).count())
          .as("one line per stopped attempt").isBetween(1L, (long) SLOTS);
      assertThat(grok.err().lines().reduce((a, b) -> b).orElseThrow())
          .startsWith("error: no space left on device under " + disk.resolve("out"));
      assertThat(grok.out()).contains(" (cut short: No space left on device)");
    } finally {
      run("umount", disk.toString());
    }
  }

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }
}
