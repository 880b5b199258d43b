package io.grokking.analysis.render;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.analysis.series.RunCurves;
import io.grokking.analysis.series.Series;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisSpace;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Small multiples of one panel's runs over its grid, laid out like its phase diagram (the x
 * setting across, the y setting up): per cell, either the train and test accuracy curves of its
 * seeds, or their weight norm, the view of Omnigrok (Liu, Michaud &amp; Tegmark 2023), on a log
 * step axis shared by every panel. A panel's background is tinted with its majority phase.
 */
public final class LearningCurves {
  static {
    Headless.ensure();
  }

  /** Which quantity the panels plot. */
  public enum Kind {
    ACCURACY("curves"), WEIGHT_NORM("norm");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    /** File name of this kind's figure for a panel: {@code curves-p23}. */
    public String name(Panel panel) {
      return prefix + "-" + panel.slug();
    }
  }

  private static final double TINT = 0.22;
  private static final int FIGURE_WIDTH = 1060;

  private LearningCurves() {}

  /**
   * The figure of one panel.
   *
   * @param runs   every run of the panel
   * @param curves thinned curves by run id; runs without any are drawn as empty panels
   */
  public static Images render(Kind kind, PhaseGrid grid, List<RunRecord> runs,
      Map<String, RunCurves> curves, PhaseRule rule) {
    SmallMultiples figure = figure(kind, grid, runs, curves, rule);
    return Images.render(kind.name(grid.panel()), figure, figure.size());
  }

  static SmallMultiples figure(Kind kind, PhaseGrid grid, List<RunRecord> runs,
      Map<String, RunCurves> curves, PhaseRule rule) {
    Map<PhaseGrid.Key, List<RunRecord>> byCell = new HashMap<>();
    for (RunRecord run : runs) {
      byCell.computeIfAbsent(grid.keyOf(run),
          k -> new ArrayList<>()).add(run);
    }
    Function<RunRecord, RunCurves> curvesOf =
        run -> curves.getOrDefault(run.runId(), RunCurves.empty(run.runId()));
    int maxStep = runs.stream().map(curvesOf).mapToInt(RunCurves::lastStep).max().orElse(10);
    double maxNorm = runs.stream().map(curvesOf).mapToDouble(c -> c.weightNorm().max())
        .filter(Double::isFinite).max().orElse(1);

    List<String> decays = grid.x().values();
    List<String> fractions = new ArrayList<>(grid.y().values());
    Collections.reverse(fractions); // the largest y value on top, as in the diagram
    int panelWidth = Math.max(170, Math.min(260, (FIGURE_WIDTH - 100) / decays.size()));
    int panelHeight = (int) (panelWidth * 0.7);
    JFreeChart[][] panels = new JFreeChart[fractions.size()][decays.size()];
    for (int r = 0; r < fractions.size(); r++) {
      for (int c = 0; c < decays.size(); c++) {
        PhaseGrid.Key key = new PhaseGrid.Key(decays.get(c), fractions.get(r));
        List<RunRecord> cellRuns = byCell.get(key);
        if (cellRuns != null) {
          cellRuns.sort(Comparator.comparingLong(RunRecord::seed));
          panels[r][c] = panel(kind, grid.cells().get(key).phase(),
              cellRuns.stream().map(curvesOf).toList(), maxStep, maxNorm, rule);
        }
      }
    }

    int seeds = byCell.values().stream().mapToInt(List::size).max().orElse(1);
    String what = kind == Kind.ACCURACY
        ? "Learning curves" + grid.panel().titleSuffix()
        : "Weight norm" + grid.panel().titleSuffix();
    List<String> subtitles = List.of(String.format(Locale.ROOT,
        "%s vs step (log scale)%s · background: the cell's majority phase",
        kind == Kind.ACCURACY ? "accuracy" : "L2 norm of all weights",
        seeds > 1 ? ", one line per seed" : ""), "phase rule: " + rule.describe());
    List<SmallMultiples.Key> legend = new ArrayList<>();
    if (kind == Kind.ACCURACY) {
      legend.add(SmallMultiples.Key.line("train", Charts.TRAIN, Charts.SOLID));
      legend.add(SmallMultiples.Key.line("test", Charts.TEST, Charts.DASHED));
      legend.add(SmallMultiples.Key.line("threshold " + Labels.number(rule.threshold()),
          Charts.THRESHOLD, Charts.THIN_DASHED));
    } else {
      legend.add(SmallMultiples.Key.line("weight norm", Charts.NORM, Charts.SOLID));
    }
    for (Phase phase : Phase.values()) {
      if (grid.cells().values().stream().anyMatch(cell -> cell.phase() == phase)) {
        legend.add(SmallMultiples.Key.box(phase.key(), Charts.tint(phase.colour(), TINT * 2)));
      }
    }
    return new SmallMultiples(what, subtitles, grid.x().title(),
        decays.stream().map(grid.x()::label).toList(), grid.y().title(),
        fractions.stream().map(grid.y()::label).toList(), panels, legend, panelWidth,
        panelHeight);
  }

  private static JFreeChart panel(Kind kind, Phase phase, List<RunCurves> seeds, int maxStep,
      double maxNorm, PhaseRule rule) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = Charts.lines();
    int i = 0;
    for (RunCurves run : seeds) {
      if (kind == Kind.ACCURACY) {
        i = add(data, renderer, i, "train " + run.runId(), run.trainAcc(), Charts.TRAIN,
            Charts.SOLID);
        i = add(data, renderer, i, "test " + run.runId(), run.testAcc(), Charts.TEST,
            Charts.DASHED);
      } else {
        i = add(data, renderer, i, "norm " + run.runId(), run.weightNorm(), Charts.NORM,
            Charts.SOLID);
      }
    }
    NumberAxis y = kind == Kind.ACCURACY
        ? Charts.valueAxis(null, 0, 1.02)
        : Charts.valueAxis(null, 0, Math.max(1e-9, maxNorm) * 1.05);
    if (kind == Kind.ACCURACY) {
      y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.25));
    }
    y.setTickLabelInsets(new org.jfree.chart.ui.RectangleInsets(0, 2, 0, 2));
    XYPlot plot = Charts.plain(new XYPlot(data, Charts.stepAxis(null, maxStep), y, renderer));
    plot.setBackgroundPaint(Charts.tint(phase.colour(), TINT));
    if (kind == Kind.ACCURACY) {
      plot.addRangeMarker(Charts.threshold(rule.threshold()));
    }
    // equal axis space in every panel keeps the plot areas aligned across the grid
    AxisSpace left = new AxisSpace();
    left.setLeft(34);
    AxisSpace bottom = new AxisSpace();
    bottom.setBottom(20);
    plot.setFixedRangeAxisSpace(left);
    plot.setFixedDomainAxisSpace(bottom);
    return Charts.panel(null, plot);
  }

  private static int add(XYSeriesCollection data, XYLineAndShapeRenderer renderer, int index,
      String key, Series series, Color colour, java.awt.Stroke stroke) {
    data.addSeries(Charts.xy(key, series, false));
    renderer.setSeriesPaint(index, colour);
    renderer.setSeriesStroke(index, stroke);
    return index + 1;
  }
}
