package io.grokking.analysis;

import io.grokking.analysis.milestones.RunClassifier;
import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.output.BoundariesCsv;
import io.grokking.analysis.output.HadoopFiles;
import io.grokking.analysis.output.RunsCsv;
import io.grokking.analysis.output.RunsParquet;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.analysis.refine.RefinedMap;
import io.grokking.analysis.refine.Refinement;
import io.grokking.analysis.render.DelayMap;
import io.grokking.analysis.render.Headless;
import io.grokking.analysis.render.Images;
import io.grokking.analysis.render.LearningCurves;
import io.grokking.analysis.render.ModuliSummary;
import io.grokking.analysis.render.Panel;
import io.grokking.analysis.render.PhaseDiagram;
import io.grokking.analysis.render.PhaseGrid;
import io.grokking.analysis.render.PhaseGrids;
import io.grokking.analysis.render.RefinedDiagram;
import io.grokking.analysis.render.RunFigure;
import io.grokking.analysis.report.HtmlReport;
import io.grokking.analysis.report.ShownRun;
import io.grokking.analysis.series.CurveJob;
import io.grokking.analysis.series.MechanismJob;
import io.grokking.analysis.series.NeuronFrequencies;
import io.grokking.analysis.series.RunCurves;
import io.grokking.analysis.series.RunRepresentations;
import io.grokking.analysis.series.RunSpectrum;
import io.grokking.trainer.output.DamagedRuns;
import io.grokking.trainer.output.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analysis job over one sweep directory: classify every committed run, then write {@code
 * DIR/runs/} (Parquet by modulus), {@code DIR/report/runs.csv}, the figures (PNG and SVG) and
 * {@code report/index.html}. Per panel (by default per modulus; see {@link PhaseGrids}), over the
 * options' two axes: the phase diagram, the grokking delay map, the learning curves and the weight
 * norms; across panels: a summary; per representative or named run: its
 * mechanistic figure. Everything it writes is derived, so it overwrites earlier output. It has no
 * command line: the sweep driver's CLI parses options into {@link AnalysisOptions} and calls
 * {@link #run}.
 *
 * <p>Committed runs whose files cannot be read ({@link DamagedRuns}) are left out of every
 * table and figure; the report names them and {@link AnalysisResult#damaged()} lists them.
 *
 * <p>Spark does the scans; the driver then holds only small data: one row per run, each run's
 * learning curves thinned to a few hundred points, and the spectra and neurons of the few runs
 * with a mechanistic figure.
 */
public final class Analysis {
  static {
    // before anything loads AWT: the driver of a cluster job has no display
    Headless.ensure();
  }

  private static final Logger LOG = LoggerFactory.getLogger(Analysis.class);

  /** Every figure file this job writes starts with one of these; older ones are deleted. */
  private static final String FIGURE_GLOB = "{phase-,refined-,delay-,curves-,norm-,run-,"
      + ModuliSummary.NAME + "," + ModuliSummary.PANELS_NAME + "}*.{png,svg}";

  private Analysis() {}

  /** {@link #run(SparkSession, String, AnalysisOptions)} with the rule alone. */
  public static AnalysisResult run(SparkSession spark, String outDir, PhaseRule rule) {
    return run(spark, outDir, AnalysisOptions.of(rule));
  }

  /**
   * Analyses the sweep at {@code outDir} (any Hadoop file system URI or local path).
   *
   * @throws IllegalArgumentException if {@code outDir} holds no {@code results} table, or if
   *     {@code options} names a run the sweep does not have; nothing is written then
   */
  public static AnalysisResult run(SparkSession spark, String outDir, AnalysisOptions options) {
    PhaseRule rule = options.rule();
    Layout layout = new Layout(outDir);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    LOG.info("Analysing sweep {} over {} × {}, phase rule: {}", outDir, options.x(), options.y(),
        rule.describe());

    long t0 = System.nanoTime();
    List<DamagedRuns.Damage> damaged = damaged(layout, conf);
    Set<String> leftOut = runIds(damaged);
    damaged.forEach(d -> LOG.warn("Left out of the analysis: damaged {}", d.describe()));
    // the curves do not depend on the classification: scan the metrics for both at once, the
    // driver's planning of one job overlapping the other's tasks
    // on a thread of its own started here, so its job carries this thread's Spark properties
    // (scheduler pool, job group): a common-pool thread keeps those of whoever started it
    CompletableFuture<Map<String, RunCurves>> curvesJob =
        CompletableFuture.supplyAsync(() -> CurveJob.collect(spark, layout, leftOut),
            Analysis::startThread);
    List<RunRecord> runs;
    List<ShownRun> shown;
    try {
      runs = RunClassifier.classify(spark, layout, rule, options.lossMilestones(), leftOut);
      shown = ShownRun.select(runs, options.runs(), AnalysisOptions.RUNS_KEY);
    } catch (RuntimeException e) {
      curvesJob.cancel(true);
      throw e;
    }
    Map<String, RunCurves> curves = join(curvesJob);
    List<RunRecord> shownRuns = shown.stream().map(ShownRun::run).toList();
    Map<String, RunSpectrum> spectra = MechanismJob.spectra(spark, layout, shownRuns);
    Map<String, NeuronFrequencies> neurons = MechanismJob.neurons(spark, layout, shownRuns);
    Map<String, RunRepresentations> representations =
        MechanismJob.representations(spark, layout, shownRuns);

    RunsParquet.write(spark, runs, layout.table(Layout.RUNS));
    Path csv = new Path(layout.report(), RunsCsv.FILE_NAME);
    HadoopFiles.write(conf, csv, RunsCsv.render(runs));

    // an earlier analysis may have drawn moduli or runs this one does not
    HadoopFiles.deleteMatching(conf, new Path(layout.report(), FIGURE_GLOB));
    List<PhaseGrid> grids = PhaseGrids.panels(runs, options.x(), options.y());
    int maxSteps = runs.stream().mapToInt(r -> r.stepsBudget() != null ? r.stepsBudget()
        : r.lastStep() != null ? r.lastStep() : r.stepsRun()).max().orElse(10);
    List<String> images = new ArrayList<>();
    for (PhaseGrid grid : grids) {
      java.util.Set<String> ids = grid.members().values().stream().flatMap(List::stream)
          .map(RunRecord::runId).collect(java.util.stream.Collectors.toSet());
      List<RunRecord> ofPanel = runs.stream().filter(r -> ids.contains(r.runId())).toList();
      images.addAll(write(conf, layout, PhaseDiagram.render(grid, rule)));
      images.addAll(write(conf, layout, DelayMap.render(grid, ofPanel, rule, maxSteps)));
      images.addAll(write(conf, layout, LearningCurves.render(LearningCurves.Kind.ACCURACY,
          grid, ofPanel, curves, rule)));
      images.addAll(write(conf, layout, LearningCurves.render(LearningCurves.Kind.WEIGHT_NORM,
          grid, ofPanel, curves, rule)));
    }
    if (!grids.isEmpty()) {
      images.addAll(write(conf, layout, ModuliSummary.render(grids, rule)));
    }
    Refinement refinement = options.refinement();
    // each refined panel's map, built once for its diagram, the boundaries and the page
    Map<Panel, RefinedMap> refined = new LinkedHashMap<>();
    if (refinement != null) {
      for (PhaseGrid grid : grids) {
        RefinedMap map = refinement.map(grid);
        long off = refinement.offLattice(grid);
        if (off > 0) {
          LOG.warn("{} runs of panel '{}' lie off the refinement lattice and are not part of its"
              + " refined diagram", off, grid.panel().title());
        }
        refined.put(grid.panel(), map);
        images.addAll(write(conf, layout, RefinedDiagram.render(grid.panel(), options.x(),
            options.y(), map, rule)));
      }
      write(conf, layout, BoundariesCsv.FILE_NAME, BoundariesCsv.render(options.x(), options.y(),
          refined));
    }
    for (ShownRun s : shown) {
      String id = s.run().runId();
      images.addAll(write(conf, layout, RunFigure.render(s.run(),
          curves.getOrDefault(id, RunCurves.empty(id)), spectra.get(id),
          representations.get(id), neurons.get(id), rule, s.why())));
    }
    String report = write(conf, layout, HtmlReport.FILE_NAME,
        HtmlReport.render(outDir, rule, runs, grids, shown,
            Instant.now().truncatedTo(ChronoUnit.SECONDS), damaged, refined,
            options.partial()));

    AnalysisResult result = new AnalysisResult(runs.size(), RunRecord.countByPhase(runs), report,
        csv.toString(), images, damaged);
    LOG.info("Analysed {} runs over {} panels in {} s: {}; report {} with {} images",
        result.runs(), grids.size(), String.format(Locale.ROOT, "%.1f",
            (System.nanoTime() - t0) / 1e9), result.phaseCounts(), report, images.size());
    return result;
  }

  /**
   * Classifies every readable committed run of {@code outDir}, drawing and writing nothing: the
   * runs {@link #run} would tabulate, for a caller that needs only their phases.
   */
  public static List<RunRecord> classify(SparkSession spark, String outDir, PhaseRule rule,
      List<Double> lossMilestones) {
    Layout layout = new Layout(outDir);
    Set<String> leftOut = runIds(damaged(layout, spark.sparkContext().hadoopConfiguration()));
    return RunClassifier.classify(spark, layout, rule, lossMilestones, leftOut);
  }

  /**
   * The committed runs whose files cannot be read: each would fail every scan that meets it, so
   * they are named and left out.
   */
  private static List<DamagedRuns.Damage> damaged(Layout layout, Configuration conf) {
    try {
      return DamagedRuns.readable(layout, conf).damaged();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check the committed runs of " + layout.root(), e);
    }
  }

  private static Set<String> runIds(List<DamagedRuns.Damage> damaged) {
    return damaged.stream().map(DamagedRuns.Damage::runId).collect(Collectors.toSet());
  }

  private static void startThread(Runnable job) {
    Thread t = new Thread(job, "grok-analysis-curves");
    t.setDaemon(true);
    t.start();
  }

  private static <T> T join(CompletableFuture<T> job) {
    try {
      return job.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private static List<String> write(Configuration conf, Layout layout, Images images) {
    return List.of(write(conf, layout, images.pngName(), images.png()),
        write(conf, layout, images.svgName(), images.svg()));
  }

  private static String write(Configuration conf, Layout layout, String name, byte[] bytes) {
    Path path = new Path(layout.report(), name);
    HadoopFiles.write(conf, path, bytes);
    return path.toString();
  }
}
