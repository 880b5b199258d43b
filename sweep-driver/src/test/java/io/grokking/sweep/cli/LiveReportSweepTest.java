package io.grokking.sweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.sweep.live.LiveReport;
import io.grokking.sweep.spark.FaultInjection;
import io.grokking.sweep.spark.RunFunction;
import io.grokking.sweep.spark.SweepJob;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.run.Faults;
import io.grokking.trainer.run.RunOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grok sweep} with the live report refreshed after every run, trained for real on
 * local[3] and analysed: the report mid-sweep carries the partial banner with the right count,
 * a refresh that throws changes nothing of the sweep's outcome, the partial analyses run in
 * their own pool and job group (so the progress tracker, which counts the sweep's group, never
 * sees them), and the final report is the complete one.
 *
 * <p>The runs are held back so that what the report shows is known: of the three, the first
 * trains at once; the second waits until the first refresh has failed (fault injection), the third
 * until a partial report is on disk. That report is therefore drawn from exactly 2 of 3 runs.
 */
class LiveReportSweepTest {
  private static final String CONFIG = "sweep { moduli = [7], weight-decays = [0, 0.5, 1],"
      + " train-fractions = [0.5], seeds = [0] }\n"
      + "train { width = 16, learning-rate = 1e-2, steps = 20, eval-every = 10 }\n";
  private static final long WAIT_MILLIS = 120_000;

  /** Local tasks run in this JVM, so statics are shared with the test. */
  static final AtomicInteger CALLS = new AtomicInteger();
  static volatile String partialSeen;
  static final List<String> JOBS = new CopyOnWriteArrayList<>();

  @TempDir Path dir;

  /** Trains for real, the second and third call only once the sweep got that far. */
  static final class HeldRuns implements RunFunction {
    private final RunFunction training = SweepJob.training();

    @Override
    public RunOutcome run(RunSpec spec, String outDir, String attempt) {
      return run(spec, outDir, attempt, Faults.NONE);
    }

    @Override
    public RunOutcome run(RunSpec spec, String outDir, String attempt, Faults faults) {
      int call = CALLS.incrementAndGet();
      Path out = Path.of(outDir);
      if (call == 2) {
        awaitFile(out.resolve("logs"), text -> text.contains("failed; the sweep goes on"));
      } else if (call == 3) {
        partialSeen = awaitFile(out.resolve("report"), text -> text.contains("partial: "));
      }
      return training.run(spec, outDir, attempt, faults);
    }

    /** The text of the first file under {@code dir} that satisfies {@code ok}, or null. */
    static String awaitFile(Path dir, Predicate<String> ok) {
      long end = System.currentTimeMillis() + WAIT_MILLIS;
      while (System.currentTimeMillis() < end) {
        try (var files = Files.list(dir)) {
          for (Path f : files.filter(f -> f.toString().endsWith(".log")
              || f.getFileName().toString().equals("index.html")).toList()) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            if (ok.test(text)) {
              return text;
            }
          }
        } catch (java.nio.file.NoSuchFileException | java.nio.charset.MalformedInputException e) {
          // not written yet, or caught mid-write
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
      return null;
    }
  }

  /**
   * Trains for real; the last run of the refining sweep's round (its eighth) only once a partial
   * report of the other seven is on disk.
   */
  static final class HeldRound implements RunFunction {
    private final RunFunction training = SweepJob.training();

    @Override
    public RunOutcome run(RunSpec spec, String outDir, String attempt) {
      return run(spec, outDir, attempt, Faults.NONE);
    }

    @Override
    public RunOutcome run(RunSpec spec, String outDir, String attempt, Faults faults) {
      if (CALLS.incrementAndGet() == 8) {
        partialSeen = HeldRuns.awaitFile(Path.of(outDir, "report"),
            text -> text.contains("partial: 7 of 8 runs committed"));
      }
      return training.run(spec, outDir, attempt, faults);
    }
  }

  /** Records each job's group and pool ({@code spark.extraListeners}). */
  public static final class Jobs extends SparkListener {
    @Override
    public void onJobStart(SparkListenerJobStart job) {
      JOBS.add(job.properties().getProperty("spark.jobGroup.id") + "/"
          + job.properties().getProperty("spark.scheduler.pool"));
    }
  }

  @Test
  void aRefiningSweepRefreshesItsReportDuringARoundWithTheRefinedDiagram() throws IOException {
    CALLS.set(0);
    partialSeen = null;
    // weight decay 0 fits, 30 cannot: the round adds 4 points (8 runs in all)
    Path config = Files.writeString(dir.resolve("refine.conf"), "sweep { moduli = [7],"
        + " weight-decays = [0.0, 30.0], train-fractions = [0.5, 0.8], seeds = [0],"
        + " refine { rounds = 1 } }\ntrain { width = 16, learning-rate = 1e-2, steps = 300,"
        + " eval-every = 20, stop-after-grok = false }\n");
    Path outDir = dir.resolve("refined");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);

    int exit = GrokCli.commandLine(console, new HeldRound()).execute("sweep",
        "--config", config.toString(), "--out", outDir.toString(), "--master", "local[2]",
        "--no-spark-ui", "--set", "sweep.report-every=1", "--set", "sweep.report-min-interval=0");

    assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("round 1/1: 4 new points", "completed 8");
    assertThat(partialSeen).as("a partial report was written during the round").isNotNull()
        .containsPattern("partial: 7 of 8 runs committed, refreshed \\d\\d:\\d\\d")
        .contains("refined-p7.png");
    assertThat(Files.readString(outDir.resolve("report/index.html")))
        .contains("8 committed runs", "refined-p7.png").doesNotContain("partial", "http-equiv");
  }

  @Test
  void aPartialReportMidSweepAFailedRefreshChangesNothingAndTheFinalReportIsComplete()
      throws IOException {
    CALLS.set(0);
    partialSeen = null;
    JOBS.clear();
    Path config = Files.writeString(dir.resolve("live.conf"), CONFIG);
    Path outDir = dir.resolve("out");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);

    int exit = GrokCli.commandLine(console, new HeldRuns()).execute("sweep",
        "--config", config.toString(), "--out", outDir.toString(), "--master", "local[3]",
        "--no-spark-ui", "--set", "sweep.report-every=1",
        "--set", "sweep.report-min-interval=0",
        "--spark-conf", FaultInjection.KEY + "=partial-report:1",
        "--spark-conf", "spark.extraListeners=" + Jobs.class.getName());

    assertThat(exit).as("a failed refresh leaves the exit code alone; %s",
        err.toString(StandardCharsets.UTF_8)).isZero();
    String log = Files.readString(SweepWriteFailureTest.onlyLog(outDir));
    assertThat(log).contains("Partial report of " + outDir + " failed; the sweep goes on",
        "InjectedFault: " + FaultInjection.KEY + ": partial report refresh 0 fails");

    assertThat(partialSeen).as("a partial report was written mid-sweep").isNotNull();
    assertThat(partialSeen).containsPattern(
            "<strong>partial: 2 of 3 runs committed, refreshed \\d\\d:\\d\\d</strong>")
        .contains("<meta http-equiv=\"refresh\"");

    String complete = Files.readString(outDir.resolve("report/index.html"));
    assertThat(complete).contains("3 committed runs").doesNotContain("partial", "http-equiv");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("completed 3",
        "report: " + outDir.resolve("report/index.html"));

    assertThat(JOBS).as("the sweep's group holds the training job alone")
        .filteredOn(j -> j.startsWith("grok-sweep/")).hasSize(1);
    assertThat(JOBS).as("every job of the partial analyses is in their group and pool")
        .filteredOn(j -> j.endsWith("/" + LiveReport.POOL)).isNotEmpty()
        .allMatch(j -> j.equals(LiveReport.JOB_GROUP + "/" + LiveReport.POOL));
    assertThat(JOBS).filteredOn(j -> j.startsWith(LiveReport.JOB_GROUP))
        .allMatch(j -> j.endsWith("/" + LiveReport.POOL));
  }
}
