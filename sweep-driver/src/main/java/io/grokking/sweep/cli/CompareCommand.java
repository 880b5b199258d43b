package io.grokking.sweep.cli;

import io.grokking.analysis.refine.Comparison;
import io.grokking.sweep.analyze.AnalyzeStage;
import io.grokking.sweep.config.SweepConfig;
import io.grokking.sweep.spark.SessionSettings;
import io.grokking.sweep.spark.SweepJob;
import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.output.Layout;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code grok compare REFINED UNIFORM}: how well a refined sweep's diagram reproduces a uniform
 * grid's. Reads both directories and writes nothing.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Look up every point of the UNIFORM sweep's grid in the REFINED sweep's refined"
        + " phase diagram (sweep.refine) and count where the phases agree, both classified under"
        + " REFINED's phase rule and on its diagram axes; also compares how many runs each"
        + " trained. Writes nothing.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the comparison was printed",
        "1:a directory could not be read",
        "2:usage error: a directory is not a sweep, REFINED did not refine, or UNIFORM does not"
            + " vary REFINED's diagram axes"})
final class CompareCommand implements Callable<Integer> {
  /** How many disagreeing points are listed by default. */
  static final int DEFAULT_SHOW = 20;

  @Parameters(index = "0", paramLabel = "REFINED", description = "a refined sweep's directory")
  String refinedDir;

  @Parameters(index = "1", paramLabel = "UNIFORM",
      description = "a sweep directory with a uniform grid over the same axes")
  String uniformDir;

  @Option(names = "--show", paramLabel = "N",
      description = "list at most N points whose phases differ (default: ${DEFAULT-VALUE})",
      defaultValue = "" + DEFAULT_SHOW)
  int show;

  @Option(names = "--master", paramLabel = "URL", defaultValue = "local[2]",
      description = "Spark master (default: ${DEFAULT-VALUE})")
  String master;

  private final Console console;

  CompareCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws java.io.IOException {
    ConfigException.check(show >= 0, "--show", "an integer >= 0", show);
    String refinedOut = OutputDir.normalize(refinedDir);
    String uniformOut = OutputDir.normalize(uniformDir);
    SweepConfig refined = OutputDir.sweepConfig(refinedOut, java.util.List.of());
    SweepConfig uniform = OutputDir.sweepConfig(uniformOut, java.util.List.of());
    if (!refined.refine().enabled()) {
      throw new ConfigException("REFINED", "must be a sweep with sweep.refine.rounds >= 1, found"
          + " rounds = 0 in " + new Layout(refinedOut).sweepConf());
    }
    for (String key : java.util.List.of(refined.analysis().x(), refined.analysis().y())) {
      if (uniform.axisValues(key).size() < 2) {
        throw new ConfigException("UNIFORM", "must vary " + key + ", an axis of REFINED's"
            + " diagrams, found " + uniform.axisValues(key) + " in "
            + new Layout(uniformOut).sweepConf());
      }
    }
    SessionSettings settings = new SessionSettings(master, "grok compare", false, 1, Map.of(),
        false);
    Comparison.Result r;
    try (SparkSession spark = SweepJob.session(settings)) {
      r = AnalyzeStage.compare(spark, refinedOut, refined, uniformOut);
    }
    console.out().printf(Locale.ROOT, "refined %s: %d runs; uniform %s: %d runs; the refinement"
            + " trained %.1f %% of the uniform grid's runs%n", refinedOut, r.refinedRuns(),
        uniformOut, r.uniformRuns(), r.uniformRuns() == 0 ? 0.0
            : 100.0 * r.refinedRuns() / r.uniformRuns());
    console.out().printf(Locale.ROOT, "phases agree at %d of %d uniform points (%.1f %%)%n",
        r.agree(), r.points(), 100 * r.agreement());
    r.misses().stream().limit(show).forEach(m -> console.out().printf(Locale.ROOT,
        "  %s  %s = %s, %s = %s: uniform %s, refined %s%n", m.panel(),
        refined.analysis().x(), m.x(), refined.analysis().y(), m.y(), m.uniform().key(),
        m.refined() == null ? "none" : m.refined().key()));
    if (r.misses().size() > show) {
      console.out().printf("  … and %d more (--show N lists more)%n", r.misses().size() - show);
    }
    r.missedPanels().forEach(p -> console.out().println("  panel '" + p + "' of UNIFORM is not"
        + " in REFINED; its points are not counted"));
    return GrokCli.EXIT_OK;
  }
}
