package io.grokking.analysis.render;

import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.analysis.refine.Lattice;
import io.grokking.analysis.refine.RefinedMap;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.EnumSet;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYBoxAnnotation;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;

/**
 * The phase diagram of a refined panel, drawn as its non-uniform grid: each measured point's
 * cell reaches half-way to its neighbours of the same round ({@link RefinedMap}), coloured by its
 * majority phase, later rounds' smaller cells on top; a dot marks each point, a dashed inset
 * border a point whose seeds disagree, and black lines the boundaries between phases. The coarse
 * values are the ticks; between them the axis is linear, or logarithmic on a geometric axis, as
 * the midpoints were taken.
 */
public final class RefinedDiagram {
  static {
    Headless.ensure();
  }

  private static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final BasicStroke CELL_BORDER = new BasicStroke(0.8f);
  private static final BasicStroke BOUNDARY = new BasicStroke(2.5f, BasicStroke.CAP_ROUND,
      BasicStroke.JOIN_ROUND);
  private static final BasicStroke DISAGREEMENT = new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
      BasicStroke.JOIN_MITER, 10f, new float[] {3f, 2f}, 0f);
  private static final Color DOT = new Color(0, 0, 0, 150);
  private static final double HALF = 0.5;

  private RefinedDiagram() {}

  /** File name of the refined diagram of a panel, without extension: {@code refined-p23}. */
  public static String name(Panel panel) {
    return "refined-" + panel.slug();
  }

  /** The refined diagram of one panel in PNG and SVG. */
  public static Images render(Panel panel, String xKey, String yKey, RefinedMap map,
      PhaseRule rule) {
    return Images.render(name(panel), chart(panel, xKey, yKey, map, rule), size(map));
  }

  private static Rectangle size(RefinedMap map) {
    return new Rectangle(0, 0, Math.max(720, 220 + 110 * map.x().coarse().size()),
        Math.max(560, 240 + 80 * map.y().coarse().size()));
  }

  /**
   * Where each point's cell lands in the PNG of {@link #render}, in pixels from its top left,
   * latest round first: an HTML image map takes the first area that holds a click, and a later
   * round's cell lies on top of an earlier one's.
   */
  public static java.util.LinkedHashMap<RefinedMap.Point, Rectangle> cellAreas(Panel panel,
      String xKey, String yKey, RefinedMap map, PhaseRule rule) {
    PlotPixels pixels = PlotPixels.layout(chart(panel, xKey, yKey, map, rule), size(map));
    java.util.List<RefinedMap.Point> order = new java.util.ArrayList<>(map.points());
    java.util.Collections.reverse(order);
    java.util.LinkedHashMap<RefinedMap.Point, Rectangle> areas = new java.util.LinkedHashMap<>();
    double sx = map.x().step();
    double sy = map.y().step();
    for (RefinedMap.Point p : order) {
      double half = map.halfSide(p);
      areas.put(p, pixels.box((p.i() - half) / sx, (p.i() + half) / sx, (p.j() - half) / sy,
          (p.j() + half) / sy));
    }
    return areas;
  }

  static JFreeChart chart(Panel panel, String xKey, String yKey, RefinedMap map,
      PhaseRule rule) {
    XYPlot plot = new XYPlot(null, axis(xKey, map.x()), axis(yKey, map.y()), null);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    double sx = map.x().step();
    double sy = map.y().step();
    for (RefinedMap.Point p : map.points()) {
      double half = map.halfSide(p);
      double x0 = (p.i() - half) / sx;
      double x1 = (p.i() + half) / sx;
      double y0 = (p.j() - half) / sy;
      double y1 = (p.j() + half) / sy;
      plot.addAnnotation(new XYBoxAnnotation(x0, y0, x1, y1, CELL_BORDER, Color.WHITE,
          p.cell().phase().colour()));
      if (p.cell().disagrees()) {
        double inset = 0.08 * (x1 - x0);
        plot.addAnnotation(new XYBoxAnnotation(x0 + inset, y0 + inset, x1 - inset, y1 - inset,
            DISAGREEMENT, Color.BLACK, null));
      }
    }
    for (RefinedMap.Segment s : map.boundaries()) {
      plot.addAnnotation(new XYLineAnnotation(s.x0() / sx, s.y0() / sy, s.x1() / sx, s.y1() / sy,
          BOUNDARY, Color.BLACK));
    }
    double r = 0.035;
    for (RefinedMap.Point p : map.points()) {
      plot.addAnnotation(new XYShapeAnnotation(new Ellipse2D.Double(p.i() / sx - r,
          p.j() / sy - r, 2 * r, 2 * r), null, null, DOT));
    }
    plot.setFixedLegendItems(legend(map));
    JFreeChart chart = new JFreeChart("Refined phase diagram" + panel.titleSuffix(),
        JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(new TextTitle(rule.describe() + " · " + map.points().size()
        + " points after " + map.x().rounds() + " refinement rounds · dot: a point, black"
        + " line: phase boundary", SUBTITLE_FONT));
    chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    return chart;
  }

  /** Ticks at the coarse values, in coarse-index units; outer cells reach half a step beyond. */
  private static SymbolAxis axis(String key, Lattice lattice) {
    Axis values = Axis.of(key, lattice.coarse().stream().map(String::valueOf).toList());
    String title = Axis.name(key) + (lattice.geometric() ? " (log scale)" : "");
    SymbolAxis axis = new SymbolAxis(title, values.tickLabels().toArray(String[]::new));
    axis.setGridBandsVisible(false);
    axis.setAutoRange(false);
    axis.setRange(-HALF, lattice.coarse().size() - HALF);
    return axis;
  }

  private static LegendItemCollection legend(RefinedMap map) {
    Set<Phase> shown = EnumSet.range(Phase.COMPREHENSION, Phase.CONFUSION);
    boolean disagreement = false;
    for (RefinedMap.Point p : map.points()) {
      shown.add(p.cell().phase());
      disagreement |= p.cell().disagrees();
    }
    LegendItemCollection items = new LegendItemCollection();
    for (Phase phase : shown) {
      String text = phase == Phase.NOT_APPLICABLE ? "n/a (no test pairs)" : phase.key();
      items.add(new LegendItem(text, null, null, null,
          new Rectangle2D.Double(-6, -6, 12, 12), phase.colour()));
    }
    items.add(new LegendItem("phase boundary", null, null, null, new Line2D.Double(-8, 0, 8, 0),
        BOUNDARY, Color.BLACK));
    if (disagreement) {
      items.add(new LegendItem("seeds disagree", null, null, null,
          new Line2D.Double(-8, 0, 8, 0), DISAGREEMENT, Color.BLACK));
    }
    return items;
  }
}
