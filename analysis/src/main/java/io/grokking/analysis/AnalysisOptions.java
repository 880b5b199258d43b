package io.grokking.analysis;

import io.grokking.analysis.phase.PhaseRule;
import io.grokking.analysis.refine.Refinement;
import io.grokking.analysis.report.HtmlReport;
import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.config.Setting;
import io.grokking.trainer.config.Settings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What one analysis is asked to do, as the CLI parsed it.
 *
 * @param rule           the phase rule ({@code analysis.phase-rule}, {@code --phase-threshold},
 *                       {@code --phase-gap}, {@code analysis.phase-ratio})
 * @param runs           run ids whose mechanistic figures the report shows besides one
 *                       representative run per phase ({@code --runs ID,...}); each must be a
 *                       committed run of the sweep, which {@link Analysis#run} checks before it
 *                       writes anything
 * @param x              the setting key across the diagrams ({@code analysis.x}), a key of
 *                       {@link Settings#ALL} other than {@code sweep.seeds}
 * @param y              the setting key up the diagrams ({@code analysis.y}), another such key
 * @param lossMilestones loss levels L ({@code analysis.loss-milestones}); each gives the runs
 *                       table the first steps at which train and test loss fall below L
 * @param refinement     how the sweep refined its grid ({@code sweep.refine.*}), or null for a
 *                       plain grid; with it each panel also gets its refined diagram and
 *                       {@code report/boundaries.csv} is written
 * @param partial        for a report drawn while the sweep still trains, how many of its runs
 *                       were committed ({@link HtmlReport.Partial}); null for the complete report
 */
public record AnalysisOptions(PhaseRule rule, List<String> runs, String x, String y,
    List<Double> lossMilestones, Refinement refinement, HtmlReport.Partial partial) {
  public static final String RUNS_KEY = "--runs";
  public static final String X_KEY = "analysis.x";
  public static final String Y_KEY = "analysis.y";
  public static final String LOSS_MILESTONES_KEY = "analysis.loss-milestones";
  public static final String DEFAULT_X = Settings.WEIGHT_DECAYS;
  public static final String DEFAULT_Y = Settings.TRAIN_FRACTIONS;
  /** Run ids are hex hashes; this also keeps them safe in file names and HTML. */
  static final String RUN_ID_PATTERN = "[A-Za-z0-9_-]+";

  public AnalysisOptions {
    Objects.requireNonNull(rule, "rule");
    runs = List.copyOf(new LinkedHashSet<>(runs)); // named twice, shown once
    for (String id : runs) {
      ConfigException.check(id.matches(RUN_ID_PATTERN), RUNS_KEY,
          "a comma-separated list of run ids (letters, digits, - and _)", "'" + id + "'");
    }
    checkAxis(X_KEY, x);
    checkAxis(Y_KEY, y);
    ConfigException.check(!x.equals(y), Y_KEY, "a different setting than " + X_KEY + " (" + x
        + ")", "'" + y + "'");
    lossMilestones = List.copyOf(new LinkedHashSet<>(lossMilestones));
    for (double level : lossMilestones) {
      ConfigException.check(level > 0 && level < Double.POSITIVE_INFINITY, LOSS_MILESTONES_KEY,
          "a list of finite numbers > 0", level);
    }
  }

  /** Options of the complete report, not a partial one. */
  public AnalysisOptions(PhaseRule rule, List<String> runs, String x, String y,
      List<Double> lossMilestones, Refinement refinement) {
    this(rule, runs, x, y, lossMilestones, refinement, null);
  }

  /** These options for a partial report of {@code committed} of the sweep's {@code total} runs. */
  public AnalysisOptions partial(int committed, int total) {
    return new AnalysisOptions(rule, runs, x, y, lossMilestones, refinement,
        new HtmlReport.Partial(committed, total));
  }

  /** Options of a plain grid, not refined. */
  public AnalysisOptions(PhaseRule rule, List<String> runs, String x, String y,
      List<Double> lossMilestones) {
    this(rule, runs, x, y, lossMilestones, null);
  }

  /** The rule and named runs on the default axes, weight decay × training fraction. */
  public AnalysisOptions(PhaseRule rule, List<String> runs) {
    this(rule, runs, DEFAULT_X, DEFAULT_Y, List.of());
  }

  /** The rule alone, showing only the representative runs. */
  public static AnalysisOptions of(PhaseRule rule) {
    return new AnalysisOptions(rule, List.of());
  }

  /** The keys a diagram axis may name: every setting of a run but its seed. */
  public static List<String> axisKeys() {
    return Settings.ALL.stream().map(Setting::key)
        .filter(key -> !key.equals(Settings.SEEDS)).toList();
  }

  private static void checkAxis(String option, String key) {
    ConfigException.check(key != null && axisKeys().contains(key), option,
        "one of " + axisKeys().stream().collect(Collectors.joining(", ")),
        key == null ? "nothing" : "'" + key + "'");
  }
}
