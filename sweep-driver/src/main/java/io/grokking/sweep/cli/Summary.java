package io.grokking.sweep.cli;

import io.grokking.sweep.refine.RefiningSweep;
import io.grokking.sweep.spark.SweepResult;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.output.UnwritableOutput;
import io.grokking.trainer.run.RunOutcome;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
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
    print(out, result, committedBefore, report, List.of());
  }

  /** As above, with {@code notes} (lines such as the log file's) printed after the report. */
  static void print(PrintStream out, SweepResult result, int committedBefore, String report,
      List<String> notes) {
    if (result.outcomes().isEmpty()) {
      out.printf("Nothing to train: all %d runs were committed earlier%n", committedBefore);
      out.println("  report: " + (report != null ? report : "none"));
      notes.forEach(n -> out.println("  " + n));
      return;
    }
    int total = result.outcomes().size() + committedBefore;
    long earlier = committedBefore + result.skipped();
    long elsewhere = result.committedElsewhere();
    long uncommitted = result.unwritableAttempts() + result.notStarted();
    out.printf(Locale.ROOT, "Sweep finished in %s: %d runs, %d trained now,%s %d committed"
            + " earlier%s%n",
        ProgressPrinter.format(Duration.ofMillis(Math.round(result.wallSeconds() * 1000))),
        total, total - earlier - elsewhere - uncommitted,
        elsewhere > 0 ? " " + elsewhere + " trained but another attempt committed first," : "",
        earlier, uncommitted > 0 ? ", " + uncommitted + " not committed" : "");
    result.unwritable().ifPresent(reason -> out.printf(Locale.ROOT,
        "  %s: %d %s stopped, %d %s not started, none retried%n", reason.description(),
        result.unwritableAttempts(), result.unwritableAttempts() == 1 ? "attempt" : "attempts",
        result.notStarted(), result.notStarted() == 1 ? "run" : "runs"));
    if (result.retried() > 0) {
      out.printf(Locale.ROOT, "  %d %s ended without a result and %s retried%n",
          result.retried(), result.retried() == 1 ? "attempt" : "attempts",
          result.retried() == 1 ? "was" : "were");
    }
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
    notes.forEach(n -> out.println("  " + n));
  }

  /**
   * What a refinement round asks for: {@code 12 new points, 24 runs (0 already committed)}, and
   * the points the run budget left out.
   */
  static String round(RefiningSweep.Round round, int toTrain, int maxRuns) {
    return String.format(Locale.ROOT, "%d new %s, %d runs (%d already committed)%s",
        round.points(), round.points() == 1 ? "point" : "points", round.specs().size(),
        round.specs().size() - toTrain, round.dropped() == 0 ? ""
            : "; " + round.dropped() + " more left out: sweep.refine.max-runs = " + maxRuns
                + " is reached");
  }

  /**
   * The refinement's account: {@code refinement: grid 50 runs, round 1 +30, round 2 +26 = 106
   * runs; a uniform 17 × 17 grid would need 578 (18.3 %)}.
   */
  static String refinement(RefiningSweep refining) {
    StringBuilder b = new StringBuilder("refinement: grid ").append(refining.coarse().size())
        .append(" runs");
    long total = refining.coarse().size();
    for (RefiningSweep.Round r : refining.played()) {
      b.append(", round ").append(r.number()).append(" +").append(r.specs().size());
      total += r.specs().size();
    }
    long uniform = refining.uniformRuns();
    b.append(" = ").append(total).append(" runs; a uniform ").append(refining.xLattice().size())
        .append(" × ").append(refining.yLattice().size()).append(" grid")
        .append(refining.panels() > 1 ? " in each of " + refining.panels() + " panels" : "")
        .append(" would need ").append(uniform).append(String.format(Locale.ROOT, " (%.1f %%)",
            uniform == 0 ? 0.0 : 100.0 * total / uniform));
    return b.toString();
  }

  /**
   * The one message of a sweep that stopped because {@code outDir} cannot be written: {@code no
   * space left on device under DIR: 8 of 12 runs committed; free space and run the same command
   * again to resume}.
   */
  static String unwritable(UnwritableOutput.Reason reason, String outDir, int committed,
      int total) {
    return reason.description() + " under " + outDir + ": " + committed + " of " + total
        + " runs committed; " + reason.remedy() + " and run the same command again to resume";
  }
}
