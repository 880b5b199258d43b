package io.grokking.sweep.analyze;

import io.grokking.sweep.config.AnalysisConfig;
import io.grokking.analysis.Analysis;
import io.grokking.analysis.AnalysisOptions;
import io.grokking.analysis.AnalysisResult;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.trainer.output.DamagedRuns;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * Classifies the runs of a sweep output directory into phases and draws the report, by calling
 * the analysis module. This is the only class of the driver that touches that module's API.
 */
public final class AnalyzeStage {
  private AnalyzeStage() {}

  /**
   * What the analysis produced.
   *
   * @param reportPath the report's entry page, {@code DIR/report/index.html}
   * @param summary the analysis' own one-paragraph summary, printed as is
   * @param damaged committed runs left out because their files cannot be read
   */
  public record Report(String reportPath, String summary, List<DamagedRuns.Damage> damaged) {
    public Report {
      damaged = List.copyOf(damaged);
    }
  }

  /** Runs the analysis on {@code outDir}; throws if it fails. */
  public static Report run(SparkSession spark, String outDir, AnalysisConfig settings) {
    return run(spark, outDir, settings, List.of());
  }

  /**
   * Runs the analysis, also drawing the mechanistic figure of the named runs; an unknown run id
   * is a {@link io.grokking.trainer.config.ConfigException} raised before anything is written.
   */
  public static Report run(SparkSession spark, String outDir, AnalysisConfig settings,
      List<String> runs) {
    PhaseRule rule = rule(settings);
    AnalysisResult result = Analysis.run(spark, outDir, new AnalysisOptions(rule, runs,
        settings.x(), settings.y(), settings.lossMilestones()));
    String counts = result.phaseCounts().entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .map(e -> e.getValue() + " " + e.getKey().key())
        .collect(Collectors.joining(", "));
    String leftOut = result.damaged().isEmpty() ? ""
        : "; " + result.damaged().size() + " damaged left out";
    return new Report(result.reportPath(), result.runs() + " runs classified: " + counts
        + " (phase rule: " + rule.describe() + ")" + leftOut, result.damaged());
  }

  /** The phase rule the settings name: Liu et al.'s gap, or the ratio rule. */
  static PhaseRule rule(AnalysisConfig settings) {
    return settings.phaseRule().equals(AnalysisConfig.RATIO_RULE)
        ? PhaseRule.ratio(settings.phaseThreshold(), settings.phaseRatio())
        : new PhaseRule(settings.phaseThreshold(), settings.phaseGap());
  }
}
