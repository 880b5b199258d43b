package io.grokking.analysis.render;

import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.phase.PhaseRule;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import io.grokking.trainer.config.Setting;
import io.grokking.trainer.config.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
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
 * How the phases move across the panels of a sweep, in two panels: the share of each panel's grid
 * cells per majority phase, and, per x value, the smallest y value whose cell generalizes
 * (majority comprehension or grokking), against the panels. On the default axes with panels by
 * modulus, that is the critical training fraction per weight decay of Liu et al. 2022 against p.
 */
public final class ModuliSummary {
  static {
    Headless.ensure();
  }

  /** File name of the figure when the panels differ by modulus only, without extension. */
  public static final String NAME = "moduli";
  /** File name of the figure when the panels differ in other settings, without extension. */
  public static final String PANELS_NAME = "panels";

  private static final int PANEL_WIDTH = 520;
  private static final int PANEL_HEIGHT = 400;

  private ModuliSummary() {}

  public static Images render(List<PhaseGrid> grids, PhaseRule rule) {
    SmallMultiples figure = figure(grids, rule);
    return Images.render(name(grids), figure, figure.size());
  }

  public static Images render(SortedMap<Integer, PhaseGrid> grids, PhaseRule rule) {
    return render(List.copyOf(grids.values()), rule);
  }

  /** {@link #NAME} when the panels differ by modulus alone (or not at all), else {@link
   * #PANELS_NAME}. */
  public static String name(List<PhaseGrid> grids) {
    return byModulus(grids) ? NAME : PANELS_NAME;
  }

  /** What the panels range over, for titles: {@code moduli}, {@code operation}, … */
  public static String axisName(List<PhaseGrid> grids) {
    if (byModulus(grids)) {
      return "moduli";
    }
    List<Setting> axis = panelAxis(grids);
    return axis.isEmpty() ? "panels"
        : axis.stream().map(s -> Axis.name(s.key())).collect(Collectors.joining(" × "));
  }

  /** The settings whose values differ between the panels, in {@link Settings#ALL} order. */
  static List<Setting> panelAxis(List<PhaseGrid> grids) {
    return Settings.ALL.stream().filter(s -> grids.stream()
        .map(g -> Optional.ofNullable(g.panel().value(s.key()))).distinct().count() > 1).toList();
  }

  private static boolean byModulus(List<PhaseGrid> grids) {
    return grids.stream().allMatch(g -> g.modulus() != null)
        && panelAxis(grids).stream().allMatch(s -> s.key().equals(Settings.MODULI));
  }

  /**
   * A panel's name on the summary's axis: its values of the settings that differ, the bare value
   * when one setting does (the axis title names it), else {@code name = value} pairs.
   */
  static String label(PhaseGrid grid, List<Setting> axis) {
    String label = grid.panel().parts().stream().filter(p -> axis.contains(p.setting()))
        .map(p -> axis.size() == 1 ? new Axis(p.setting().key(), List.of(p.value()))
            .label(p.value()) : p.title())
        .collect(Collectors.joining(", "));
    if (!label.isEmpty()) {
      return label;
    }
    return grid.panel().title().isEmpty() ? "all" : grid.panel().title();
  }

  static SmallMultiples figure(List<PhaseGrid> grids, PhaseRule rule) {
    JFreeChart[][] panels = {{phaseShares(grids), criticalValues(grids)}};
    return new SmallMultiples("Phases across " + axisName(grids),
        List.of("majority phase per cell · " + rule.describe()),
        null, List.of(), null, List.of(), panels, List.of(), PANEL_WIDTH, PANEL_HEIGHT);
  }

  static SmallMultiples figure(SortedMap<Integer, PhaseGrid> grids, PhaseRule rule) {
    return figure(List.copyOf(grids.values()), rule);
  }

  /**
   * Per x value (in axis order), per panel index (into {@code grids}), the smallest y value whose
   * cell's majority generalizes; a panel where none does has no entry.
   */
  static Map<String, SortedMap<Integer, String>> critical(List<PhaseGrid> grids) {
    String xKey = grids.get(0).x().key();
    Axis xs = Axis.of(xKey, grids.stream().flatMap(g -> g.x().values().stream()).toList());
    Map<String, SortedMap<Integer, String>> byX = new LinkedHashMap<>();
    xs.values().forEach(x -> byX.put(x, new TreeMap<>()));
    for (int i = 0; i < grids.size(); i++) {
      PhaseGrid grid = grids.get(i);
      for (String x : grid.x().values()) {
        for (String y : grid.y().values()) {
          PhaseCell cell = grid.cell(x, y);
          if (cell != null && generalizes(cell.phase())) {
            byX.get(x).put(i, y);
            break;
          }
        }
      }
    }
    return byX;
  }

  /** Per weight decay, the smallest training fraction whose majority generalizes, by modulus. */
  static SortedMap<Double, SortedMap<Integer, Double>> criticalFraction(
      SortedMap<Integer, PhaseGrid> grids) {
    List<PhaseGrid> list = List.copyOf(grids.values());
    SortedMap<Double, SortedMap<Integer, Double>> byDecay = new TreeMap<>();
    critical(list).forEach((x, line) -> {
      SortedMap<Integer, Double> byModulus = new TreeMap<>();
      line.forEach((i, y) -> byModulus.put(list.get(i).modulus(), Double.parseDouble(y)));
      byDecay.put(Double.parseDouble(x), byModulus);
    });
    return byDecay;
  }

  private static boolean generalizes(Phase phase) {
    return phase == Phase.COMPREHENSION || phase == Phase.GROKKING;
  }

  private static JFreeChart phaseShares(List<PhaseGrid> grids) {
    boolean moduli = byModulus(grids);
    List<Setting> axis = panelAxis(grids);
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    TreeSet<Phase> shown = new TreeSet<>();
    grids.forEach(g -> g.cells().values().forEach(c -> shown.add(c.phase())));
    for (Phase phase : shown) {
      for (PhaseGrid grid : grids) {
        data.addValue(grid.cells().values().stream().filter(c -> c.phase() == phase).count(),
            phase.key(), moduli ? "p = " + grid.modulus() : label(grid, axis));
      }
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
    CategoryAxis panels = new CategoryAxis(moduli ? "modulus" : axisName(grids));
    Charts.style(panels);
    CategoryPlot plot = new CategoryPlot(data, panels, share, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
    JFreeChart chart = new JFreeChart("Share of cells per majority phase", Charts.PANEL_TITLE_FONT,
        plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    bottomLegend(chart);
    return chart;
  }

  private static JFreeChart criticalValues(List<PhaseGrid> grids) {
    boolean moduli = byModulus(grids);
    Axis xAxis = grids.get(0).x();
    String yKey = grids.get(0).y().key();
    Axis ys = Axis.of(yKey, grids.stream().flatMap(g -> g.y().values().stream()).toList());
    String token = Settings.byKey(xAxis.key()).map(Setting::token).orElse(xAxis.key());
    Axis xs = Axis.of(xAxis.key(), grids.stream().flatMap(g -> g.x().values().stream()).toList());
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    int i = 0;
    for (Map.Entry<String, SortedMap<Integer, String>> line : critical(grids).entrySet()) {
      XYSeries series = new XYSeries(token + " " + xs.label(line.getKey()));
      line.getValue().forEach((panel, y) -> series.add(
          (double) (moduli ? grids.get(panel).modulus() : panel),
          ys.numeric() ? Double.parseDouble(y) : ys.indexOf(y)));
      data.addSeries(series);
      Color colour = Charts.CATEGORY[i % Charts.CATEGORY.length];
      renderer.setSeriesPaint(i, colour);
      renderer.setSeriesStroke(i, Charts.SOLID);
      renderer.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
      i++;
    }
    ValueAxis across;
    if (moduli) {
      NumberAxis axis = new NumberAxis("modulus p");
      int first = grids.get(0).modulus();
      int last = grids.get(grids.size() - 1).modulus();
      double pad = Math.max(2, (last - first) * 0.08);
      axis.setRange(first - pad, last + pad);
      if (last - first <= 40) {
        axis.setTickUnit(new NumberTickUnit(last - first <= 12 ? 1 : 4));
      }
      across = axis;
    } else {
      List<Setting> axis = panelAxis(grids);
      SymbolAxis symbols = new SymbolAxis(axisName(grids),
          grids.stream().map(g -> label(g, axis)).toArray(String[]::new));
      symbols.setGridBandsVisible(false);
      symbols.setRange(-0.5, grids.size() - 0.5);
      across = symbols;
    }
    Charts.style(across);
    String yName = Axis.name(yKey);
    String upLabel = "smallest " + yName + " that generalizes";
    ValueAxis up;
    if (yKey.equals(Settings.TRAIN_FRACTIONS)) {
      up = Charts.valueAxis(upLabel, 0, 1.02);
    } else if (ys.numeric()) {
      NumberAxis axis = new NumberAxis(upLabel);
      axis.setAutoRangeIncludesZero(false);
      Charts.style(axis);
      up = axis;
    } else {
      SymbolAxis symbols = new SymbolAxis(upLabel, ys.tickLabels().toArray(String[]::new));
      symbols.setGridBandsVisible(false);
      symbols.setRange(-0.5, ys.values().size() - 0.5);
      Charts.style(symbols);
      up = symbols;
    }
    XYPlot plot = Charts.plain(new XYPlot(data, across, up, renderer));
    JFreeChart chart = new JFreeChart("Critical " + yName + " per " + Axis.name(xAxis.key()),
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
