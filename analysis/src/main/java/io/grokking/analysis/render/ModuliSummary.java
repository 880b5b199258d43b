package io.grokking.analysis.render;

import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.phase.PhaseRule;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * How the phases move with the modulus p, in two panels: the share of each modulus's grid cells
 * per majority phase, and, per weight decay, the smallest training fraction whose cell
 * generalizes (majority comprehension or grokking), the critical fraction of Liu et al. 2022.
 */
public final class ModuliSummary {
  static {
    Headless.ensure();
  }

  /** File name of the figure, without extension. */
  public static final String NAME = "moduli";

  private static final int PANEL_WIDTH = 520;
  private static final int PANEL_HEIGHT = 400;

  private ModuliSummary() {}

  public static Images render(SortedMap<Integer, PhaseGrid> grids, PhaseRule rule) {
    SmallMultiples figure = figure(grids, rule);
    return Images.render(NAME, figure, figure.size());
  }

  static SmallMultiples figure(SortedMap<Integer, PhaseGrid> grids, PhaseRule rule) {
    JFreeChart[][] panels = {{phaseShares(grids), criticalFractions(grids)}};
    return new SmallMultiples("Phases across moduli",
        List.of(String.format(Locale.ROOT, "majority phase per cell · accuracy ≥ %s, grokking"
            + " when t_test − t_train ≥ %d steps", Labels.number(rule.threshold()), rule.gap())),
        null, List.of(), null, List.of(), panels, List.of(), PANEL_WIDTH, PANEL_HEIGHT);
  }

  /** Per weight decay, the smallest training fraction whose majority generalizes, by modulus. */
  static SortedMap<Double, SortedMap<Integer, Double>> criticalFraction(
      SortedMap<Integer, PhaseGrid> grids) {
    SortedMap<Double, SortedMap<Integer, Double>> byDecay = new TreeMap<>();
    grids.forEach((p, grid) -> {
      for (double decay : grid.weightDecays()) {
        SortedMap<Integer, Double> line = byDecay.computeIfAbsent(decay, d -> new TreeMap<>());
        for (double fraction : grid.trainFractions()) {
          PhaseCell cell = grid.cell(decay, fraction);
          if (cell != null && generalizes(cell.phase())) {
            line.put(p, fraction);
            break;
          }
        }
      }
    });
    return byDecay;
  }

  private static boolean generalizes(Phase phase) {
    return phase == Phase.COMPREHENSION || phase == Phase.GROKKING;
  }

  private static JFreeChart phaseShares(SortedMap<Integer, PhaseGrid> grids) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    TreeSet<Phase> shown = new TreeSet<>();
    grids.values().forEach(g -> g.cells().values().forEach(c -> shown.add(c.phase())));
    for (Phase phase : shown) {
      grids.forEach((p, grid) -> data.addValue(
          grid.cells().values().stream().filter(c -> c.phase() == phase).count(),
          phase.key(), "p = " + p));
    }
    StackedBarRenderer renderer = new StackedBarRenderer(true);
    renderer.setShadowVisible(false);
    renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
    renderer.setMaximumBarWidth(0.18);
    int i = 0;
    for (Phase phase : shown) {
      renderer.setSeriesPaint(i++, phase.colour());
    }
    NumberAxis share = new NumberAxis("share of grid cells");
    share.setNumberFormatOverride(java.text.NumberFormat.getPercentInstance(Locale.ROOT));
    Charts.style(share);
    CategoryAxis moduli = new CategoryAxis("modulus");
    Charts.style(moduli);
    CategoryPlot plot = new CategoryPlot(data, moduli, share, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
    JFreeChart chart = new JFreeChart("Share of cells per majority phase", Charts.PANEL_TITLE_FONT,
        plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    bottomLegend(chart);
    return chart;
  }

  private static JFreeChart criticalFractions(SortedMap<Integer, PhaseGrid> grids) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    int i = 0;
    for (Map.Entry<Double, SortedMap<Integer, Double>> line : criticalFraction(grids).entrySet()) {
      XYSeries series = new XYSeries("wd " + Labels.number(line.getKey()));
      line.getValue().forEach(series::add);
      data.addSeries(series);
      Color colour = Charts.CATEGORY[i % Charts.CATEGORY.length];
      renderer.setSeriesPaint(i, colour);
      renderer.setSeriesStroke(i, Charts.SOLID);
      renderer.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
      i++;
    }
    NumberAxis moduli = new NumberAxis("modulus p");
    int first = grids.firstKey();
    int last = grids.lastKey();
    double pad = Math.max(2, (last - first) * 0.08);
    moduli.setRange(first - pad, last + pad);
    if (last - first <= 40) {
      moduli.setTickUnit(new NumberTickUnit(last - first <= 12 ? 1 : 4));
    }
    Charts.style(moduli);
    NumberAxis fraction = Charts.valueAxis("smallest training fraction that generalizes", 0,
        1.02);
    XYPlot plot = Charts.plain(new XYPlot(data, moduli, fraction, renderer));
    JFreeChart chart = new JFreeChart("Critical training fraction per weight decay",
        Charts.PANEL_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    bottomLegend(chart);
    return chart;
  }

  private static void bottomLegend(JFreeChart chart) {
    LegendTitle legend = chart.getLegend();
    legend.setPosition(RectangleEdge.BOTTOM);
    legend.setItemFont(Charts.LABEL_FONT);
  }
}
