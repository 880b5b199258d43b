package io.grokking.analysis;

import io.grokking.analysis.milestones.RunClassifier;
import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.output.HadoopFiles;
import io.grokking.analysis.output.RunsCsv;
import io.grokking.analysis.output.RunsParquet;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.analysis.render.DiagramImages;
import io.grokking.analysis.render.Headless;
import io.grokking.analysis.render.PhaseGrid;
import io.grokking.analysis.render.PhaseGrids;
import io.grokking.analysis.report.HtmlReport;
import io.grokking.trainer.output.Layout;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analysis job over one sweep directory: classify every committed run, then write {@code
 * DIR/runs/} (Parquet by modulus), {@code DIR/report/runs.csv}, one phase diagram per modulus
 * ({@code report/phase-pP.png} and {@code .svg}) and {@code report/index.html}. Everything it
 * writes is derived, so it overwrites earlier output. It has no command line: the sweep driver's
 * CLI parses options into a {@link PhaseRule} and calls {@link #run}.
 */
public final class Analysis {
  static {
    // before anything loads AWT: the driver of a cluster job has no display
    Headless.ensure();
  }

  private static final Logger LOG = LoggerFactory.getLogger(Analysis.class);

  private Analysis() {}

  /**
   * Analyses the sweep at {@code outDir} (any Hadoop file system URI or local path).
   *
   * @throws IllegalArgumentException if {@code outDir} holds no {@code results} table
   */
  public static AnalysisResult run(SparkSession spark, String outDir, PhaseRule rule) {
    Layout layout = new Layout(outDir);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    LOG.info("Analysing sweep {} with threshold {} and gap {} steps", outDir, rule.threshold(),
        rule.gap());

    List<RunRecord> runs = RunClassifier.classify(spark, layout, rule);
    RunsParquet.write(spark, runs, layout.table(Layout.RUNS));
    Path csv = new Path(layout.report(), RunsCsv.FILE_NAME);
    HadoopFiles.write(conf, csv, RunsCsv.render(runs));

    // an earlier analysis may have drawn moduli this sweep no longer has
    HadoopFiles.deleteMatching(conf, new Path(layout.report(), "phase-p*.{png,svg}"));
    SortedMap<Integer, PhaseGrid> grids = PhaseGrids.byModulus(runs);
    List<String> images = new ArrayList<>();
    for (PhaseGrid grid : grids.values()) {
      DiagramImages rendered = DiagramImages.render(grid, rule);
      images.add(write(conf, layout, DiagramImages.pngName(grid.modulus()), rendered.png()));
      images.add(write(conf, layout, DiagramImages.svgName(grid.modulus()), rendered.svg()));
    }
    String report = write(conf, layout, HtmlReport.FILE_NAME,
        HtmlReport.render(outDir, rule, runs, grids,
            Instant.now().truncatedTo(ChronoUnit.SECONDS)));

    AnalysisResult result = new AnalysisResult(runs.size(), RunRecord.countByPhase(runs), report,
        csv.toString(), images);
    LOG.info("Analysed {} runs over {} moduli: {}; report {}", result.runs(), grids.size(),
        result.phaseCounts(), report);
    return result;
  }

  private static String write(Configuration conf, Layout layout, String name, byte[] bytes) {
    Path path = new Path(layout.report(), name);
    HadoopFiles.write(conf, path, bytes);
    return path.toString();
  }
}
