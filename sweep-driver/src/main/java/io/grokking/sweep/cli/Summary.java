package io.grokking.sweep.cli;

import io.grokking.sweep.spark.SweepResult;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.train.RunOutcome;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The text printed when a sweep ends. */
final class Summary {
  private Summary() {}

  /**
   * @param committedBefore runs found committed before the job started, not submitted at all
   * @param report the report path, or null when there is none
   */
  static void print(PrintStream out, SweepResult result, int committedBefore, String report) {
    if (result.outcomes().isEmpty()) {
      out.printf("Nothing to train: all %d runs were committed earlier%n", committedBefore);
      out.println("  report: " + (report != null ? report : "none"));
      return;
    }
    int total = result.outcomes().size() + committedBefore;
    long earlier = committedBefore + result.skipped();
    out.printf(Locale.ROOT, "Sweep finished in %s: %d runs, %d trained now, %d committed earlier%n",
        ProgressPrinter.format(Duration.ofMillis(Math.round(result.wallSeconds() * 1000))),
        total, total - earlier, earlier);
    Map<RunStatus, Long> counts = result.countsByStatus();
    out.println("  " + counts.entrySet().stream()
        .map(e -> e.getKey().key() + " " + e.getValue())
        .collect(Collectors.joining(", ")));
    if (result.anyFailed()) {
      out.println("  failed or diverged runs:");
      for (RunOutcome o : result.failures()) {
        out.printf(Locale.ROOT, "    %s p=%d wd=%s frac=%s seed=%d %s after %d steps: %s%n",
            o.runId(), o.modulus(), o.weightDecay(), o.trainFraction(), o.seed(),
            o.status().key(), o.stepsRun(), o.message());
      }
    }
    out.printf(Locale.ROOT, "  model-steps: %,d%n", result.modelSteps());
    SweepResult.TimeShares shares = result.timeShares();
    out.printf(Locale.ROOT, "  wall time outside training: %.1f %% (of %s × %d task slots):"
            + " evaluation and measures %.1f %%, run set-up and Parquet %.1f %%,"
            + " Spark scheduling and idle slots %.1f %%%n",
        100 * shares.outsideTraining(),
        ProgressPrinter.format(Duration.ofMillis(Math.round(result.wallSeconds() * 1000))),
        result.usableSlots(), 100 * shares.evaluation(), 100 * shares.runOverhead(),
        100 * shares.scheduling());
    out.println("  report: " + (report != null ? report : "none"));
  }
}
