package io.grokking.analysis.render;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.phase.PhaseRule;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYBoxAnnotation;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The grokking delay map of one panel, on the axes of its phase diagram: each cell coloured by
 * the delay t_test − t_train at the phase rule's threshold ({@link DelayCell}) on a log scale, and
 * hatched where the delay is censored, the budget having run out after the train milestone and
 * before the test one, so that the true delay exceeds the value shown.
 */
public final class DelayMap {
  static {
    Headless.ensure();
  }

  private static final Font VALUE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
  private static final Font PHASE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
  private static final BasicStroke HATCH = new BasicStroke(1.2f);
  private static final double HALF = PhaseDiagram.HALF;

  private DelayMap() {}

  /** File name of the map of a panel: {@code delay-p23}. */
  public static String name(Panel panel) {
    return "delay-" + panel.slug();
  }

  /**
   * @param runs     every run of the grid's panel
   * @param maxSteps the longest budget of the sweep, the top of the colour scale (shared by every
   *                 panel so their maps compare)
   */
  public static Images render(PhaseGrid grid, List<RunRecord> runs, PhaseRule rule,
      int maxSteps) {
    Rectangle size = PhaseDiagram.size(grid);
    size.width += 90;
    return Images.render(name(grid.panel()), chart(grid, runs, rule, maxSteps), size);
  }

  /** The delay of every cell of the grid. */
  static Map<PhaseGrid.Key, DelayCell> cells(PhaseGrid grid, List<RunRecord> runs) {
    Map<PhaseGrid.Key, List<RunRecord>> byCell = new HashMap<>();
    for (RunRecord run : runs) {
      byCell.computeIfAbsent(grid.keyOf(run),
          k -> new ArrayList<>()).add(run);
    }
    Map<PhaseGrid.Key, DelayCell> cells = new HashMap<>();
    byCell.forEach((key, group) -> cells.put(key, DelayCell.of(group)));
    return cells;
  }

  static JFreeChart chart(PhaseGrid grid, List<RunRecord> runs, PhaseRule rule, int maxSteps) {
    Map<PhaseGrid.Key, DelayCell> cells = cells(grid, runs);
    DelayScale scale = new DelayScale(maxSteps);
    List<PhaseGrid.Key> keys = List.copyOf(cells.keySet());
    double[][] series = new double[3][keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      PhaseGrid.Key key = keys.get(i);
      series[0][i] = grid.x().indexOf(key.x());
      series[1][i] = grid.y().indexOf(key.y());
      series[2][i] = DelayScale.value(cells.get(key).steps());
    }
    DefaultXYZDataset dataset = new DefaultXYZDataset();
    dataset.addSeries("delay", series);
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setBlockWidth(1);
    renderer.setBlockHeight(1);
    renderer.setPaintScale(scale);

    XYPlot plot = new XYPlot(dataset, PhaseDiagram.axis(grid.x()), PhaseDiagram.axis(grid.y()),
        renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    for (int i = 0; i < keys.size(); i++) {
      annotate(plot, series[0][i], series[1][i], cells.get(keys.get(i)),
          grid.cells().get(keys.get(i)), scale);
    }
    LegendItemCollection legend = new LegendItemCollection();
    legend.add(new LegendItem("— no delay: train accuracy never reached the threshold", null,
        null, null, new Rectangle2D.Double(-6, -6, 12, 12), DelayScale.NO_DELAY));
    plot.setFixedLegendItems(legend);

    JFreeChart chart = new JFreeChart("Grokking delay" + grid.panel().titleSuffix(),
        JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(new TextTitle(String.format(Locale.ROOT,
        "t_test − t_train at accuracy ≥ %s, median over seeds · hatched \"> n\": censored"
            + " (budget ran out first)",
        Labels.number(rule.threshold())), Charts.SUBTITLE_FONT));
    chart.getLegend().setPosition(RectangleEdge.BOTTOM);

    NumberAxis scaleAxis = new NumberAxis("delay (steps, log scale)");
    scaleAxis.setRange(scale.getLowerBound(), scale.getUpperBound());
    scaleAxis.setTickUnit(new NumberTickUnit(1));
    scaleAxis.setNumberFormatOverride(new DelayScale.Steps());
    Charts.style(scaleAxis);
    PaintScaleLegend scaleLegend = new PaintScaleLegend(scale, scaleAxis);
    scaleLegend.setPosition(RectangleEdge.RIGHT);
    scaleLegend.setStripWidth(14);
    scaleLegend.setSubdivisionCount(120);
    scaleLegend.setAxisOffset(4);
    scaleLegend.setMargin(new RectangleInsets(30, 8, 30, 8));
    scaleLegend.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(scaleLegend);
    chart.addSubtitle(new TextTitle("phase rule: " + rule.describe(), Charts.SUBTITLE_FONT));
    return chart;
  }

  private static void annotate(XYPlot plot, double x, double y, DelayCell delay, PhaseCell cell,
      DelayScale scale) {
    Color fill = scale.colour(DelayScale.value(delay.steps()));
    Color ink = DelayScale.dark(fill) ? Color.WHITE : Color.BLACK;
    plot.addAnnotation(new XYBoxAnnotation(x - HALF, y - HALF, x + HALF, y + HALF,
        new BasicStroke(1.5f), Color.WHITE, null));
    if (delay.censored()) {
      Color hatch = new Color(ink.getRed(), ink.getGreen(), ink.getBlue(), 110);
      for (double d = -0.75; d <= 0.76; d += 0.25) {
        plot.addAnnotation(new XYLineAnnotation(x - HALF + Math.max(0, d),
            y - HALF + Math.max(0, -d), x + HALF - Math.max(0, -d), y + HALF - Math.max(0, d),
            HATCH, hatch));
      }
    }
    XYTextAnnotation value = new XYTextAnnotation(delay.label(), x, y + 0.1);
    value.setFont(VALUE_FONT);
    value.setPaint(ink);
    if (delay.censored()) {
      value.setBackgroundPaint(fill);
    }
    plot.addAnnotation(value);
    if (cell != null) {
      String phase = cell.phase().key() + (cell.runs() > 1 ? " " + cell.agreement() : "");
      XYTextAnnotation label = new XYTextAnnotation(phase, x, y - 0.2);
      label.setFont(PHASE_FONT);
      label.setPaint(ink);
      if (delay.censored()) {
        label.setBackgroundPaint(fill);
      }
      plot.addAnnotation(label);
    }
  }
}
