package io.grokking.sweep.analyze;

import io.grokking.sweep.config.AnalysisConfig;
import io.grokking.analysis.Analysis;
import io.grokking.analysis.AnalysisOptions;
import io.grokking.analysis.AnalysisResult;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.trainer.output.DamagedRuns;
import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.refine.Comparison;
import io.grokking.analysis.refine.Refinement;
import io.grokking.analysis.render.PhaseCell;
import io.grokking.analysis.render.PhaseGrids;
import io.grokking.sweep.config.SweepConfig;
import io.grokking.sweep.refine.Quadtree;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
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
   * Runs the analysis of a sweep with its settings, drawing a refined sweep's refined diagrams
   * and boundaries too.
   */
  public static Report run(SparkSession spark, String outDir, SweepConfig sweep,
      List<String> runs) {
    return run(spark, outDir, sweep.analysis(), runs, sweep.refinement());
  }

  /**
   * Runs the analysis of a sweep that still trains, marking its report partial: {@code committed}
   * of the sweep's {@code total} runs were committed when it started.
   */
  public static Report partial(SparkSession spark, String outDir, SweepConfig sweep,
      int committed, int total) {
    AnalysisConfig settings = sweep.analysis();
    return run(spark, outDir, settings, options(settings, List.of(), sweep.refinement())
        .partial(committed, total));
  }

  /**
   * Compares the refined diagram of the sweep at {@code refinedDir} with the uniform grid at
   * {@code uniformDir}, both classified under the refined sweep's phase rule; writes nothing.
   */
  public static Comparison.Result compare(SparkSession spark, String refinedDir,
      SweepConfig refined, String uniformDir) {
    AnalysisConfig settings = refined.analysis();
    return Comparison.of(refined.refinement(), settings.x(), settings.y(),
        classify(spark, refinedDir, settings), classify(spark, uniformDir, settings));
  }

  private static List<RunRecord> classify(SparkSession spark, String outDir,
      AnalysisConfig settings) {
    return Analysis.classify(spark, outDir, rule(settings), settings.lossMilestones());
  }

  /**
   * The phase of every readable committed run of {@code outDir} under the sweep's rule, by run
   * id, without drawing anything: what a refining sweep needs between its rounds.
   */
  public static Function<List<String>, Optional<Quadtree.Corner>> corners(SparkSession spark,
      String outDir, AnalysisConfig settings) {
    Map<String, RunRecord> byId = new HashMap<>();
    for (RunRecord r : classify(spark, outDir, settings)) {
      byId.put(r.runId(), r);
    }
    return ids -> {
      List<RunRecord> runs = ids.stream().map(byId::get).filter(Objects::nonNull).toList();
      if (runs.isEmpty()) {
        return Optional.empty();
      }
      PhaseCell cell = PhaseGrids.cell(runs);
      return cell.phase() == Phase.FAILED ? Optional.empty()
          : Optional.of(new Quadtree.Corner(cell.phase().key(), cell.disagrees()));
    };
  }

  /**
   * Runs the analysis, also drawing the mechanistic figure of the named runs; an unknown run id
   * is a {@link io.grokking.trainer.config.ConfigException} raised before anything is written.
   */
  public static Report run(SparkSession spark, String outDir, AnalysisConfig settings,
      List<String> runs) {
    return run(spark, outDir, settings, runs, null);
  }

  private static Report run(SparkSession spark, String outDir, AnalysisConfig settings,
      List<String> runs, Refinement refinement) {
    return run(spark, outDir, settings, options(settings, runs, refinement));
  }

  private static AnalysisOptions options(AnalysisConfig settings, List<String> runs,
      Refinement refinement) {
    return new AnalysisOptions(rule(settings), runs, settings.x(), settings.y(),
        settings.lossMilestones(), refinement);
  }

  private static Report run(SparkSession spark, String outDir, AnalysisConfig settings,
      AnalysisOptions options) {
    PhaseRule rule = options.rule();
    AnalysisResult result = Analysis.run(spark, outDir, options);
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
