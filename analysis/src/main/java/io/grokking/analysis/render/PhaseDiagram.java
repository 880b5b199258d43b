package io.grokking.analysis.render;

import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.phase.PhaseRule;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYBoxAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The phase diagram of one panel (after Liu et al. 2022, fig. 6): the grid's x setting across
 * and its y setting up (by default weight decay and training fraction), both as categories in
 * {@link Axis} order; each cell coloured by its majority phase and labelled with its delay t_test
 * − t_train and, with several seeds, how many agree. Cells whose seeds disagree get a dashed black
 * border. Cells are equally wide, so a geometric axis is drawn on a log scale.
 */
public final class PhaseDiagram {
  static {
    Headless.ensure();
  }

  private static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font CELL_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
  private static final Font AGREEMENT_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  private static final BasicStroke DISAGREEMENT_STROKE = new BasicStroke(3f,
      BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
  private static final BasicStroke CELL_BORDER = new BasicStroke(1.5f);
  static final double HALF = 0.5;

  private PhaseDiagram() {}

  /** File name of the diagram of a panel, without extension: {@code phase-p23}. */
  public static String name(Panel panel) {
    return "phase-" + panel.slug();
  }

  /** The diagram of {@code grid} in PNG and SVG. */
  public static Images render(PhaseGrid grid, PhaseRule rule) {
    return Images.render(name(grid.panel()), chart(grid, rule), size(grid));
  }

  /**
   * Where each cell lands in the PNG of {@link #render}, in pixels from its top left corner: the
   * chart is laid out at the PNG's size and each cell's corners are mapped through the axes, so an
   * HTML image map over the PNG can link every cell.
   */
  public static Map<PhaseGrid.Key, Rectangle> cellAreas(PhaseGrid grid, PhaseRule rule) {
    PlotPixels pixels = PlotPixels.layout(chart(grid, rule), size(grid));
    Map<PhaseGrid.Key, Rectangle> areas = new LinkedHashMap<>();
    for (PhaseGrid.Key key : grid.cells().keySet()) {
      int x = grid.x().indexOf(key.x());
      int y = grid.y().indexOf(key.y());
      areas.put(key, pixels.box(x - HALF, x + HALF, y - HALF, y + HALF));
    }
    return areas;
  }

  /** The chart of {@code grid}; {@code rule} goes into the subtitle. */
  public static JFreeChart chart(PhaseGrid grid, PhaseRule rule) {
    SymbolAxis x = axis(grid.x());
    SymbolAxis y = axis(grid.y());
    XYPlot plot = new XYPlot(dataset(grid), x, y, renderer());
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.setFixedLegendItems(legend(grid));
    annotate(plot, grid);

    JFreeChart chart = new JFreeChart("Phase diagram" + grid.panel().titleSuffix(),
        JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(new TextTitle(rule.describe()
        + " · cell: t_test − t_train in steps, seeds agreeing", SUBTITLE_FONT));
    chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    return chart;
  }

  /** A size that leaves every cell room for its labels. */
  public static Rectangle size(PhaseGrid grid) {
    int width = Math.max(720, 220 + 110 * grid.x().values().size());
    int height = Math.max(520, 240 + 70 * grid.y().values().size());
    return new Rectangle(0, 0, width, height);
  }

  static SymbolAxis axis(Axis values) {
    SymbolAxis axis = new SymbolAxis(values.title(), values.tickLabels().toArray(String[]::new));
    axis.setGridBandsVisible(false);
    // cells are centred on integer indices; pad half a cell so the outer ones show whole
    axis.setAutoRange(false);
    axis.setRange(-HALF, values.values().size() - HALF);
    return axis;
  }

  private static DefaultXYZDataset dataset(PhaseGrid grid) {
    List<Map.Entry<PhaseGrid.Key, PhaseCell>> cells = List.copyOf(grid.cells().entrySet());
    double[][] series = new double[3][cells.size()];
    for (int i = 0; i < cells.size(); i++) {
      PhaseGrid.Key key = cells.get(i).getKey();
      series[0][i] = grid.x().indexOf(key.x());
      series[1][i] = grid.y().indexOf(key.y());
      series[2][i] = cells.get(i).getValue().phase().ordinal();
    }
    DefaultXYZDataset dataset = new DefaultXYZDataset();
    dataset.addSeries("phase", series);
    return dataset;
  }

  private static XYBlockRenderer renderer() {
    LookupPaintScale scale = new LookupPaintScale(0, Phase.values().length, Color.WHITE);
    for (Phase phase : Phase.values()) {
      scale.add(phase.ordinal(), phase.colour());
    }
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setBlockWidth(1);
    renderer.setBlockHeight(1);
    renderer.setPaintScale(scale);
    return renderer;
  }

  private static void annotate(XYPlot plot, PhaseGrid grid) {
    for (Map.Entry<PhaseGrid.Key, PhaseCell> entry : grid.cells().entrySet()) {
      PhaseCell cell = entry.getValue();
      double x = grid.x().indexOf(entry.getKey().x());
      double y = grid.y().indexOf(entry.getKey().y());
      // a thin white frame keeps neighbouring cells of one phase readable as separate cells
      plot.addAnnotation(new XYBoxAnnotation(x - HALF, y - HALF, x + HALF, y + HALF,
          CELL_BORDER, Color.WHITE, null));
      boolean seeds = cell.runs() > 1;
      // a cell without test pairs has no delay and says why instead of "—"
      String label = cell.phase() == Phase.NOT_APPLICABLE ? Phase.NOT_APPLICABLE.key()
          : Labels.delay(cell.delay());
      XYTextAnnotation delay = new XYTextAnnotation(label, x,
          seeds ? y + 0.12 : y);
      delay.setFont(CELL_FONT);
      plot.addAnnotation(delay);
      if (seeds) {
        XYTextAnnotation agreement = new XYTextAnnotation(cell.agreement(), x, y - 0.18);
        agreement.setFont(AGREEMENT_FONT);
        plot.addAnnotation(agreement);
      }
      if (cell.disagrees()) {
        // inset so neighbouring borders do not merge into one thick line
        double inset = 0.04;
        plot.addAnnotation(new XYBoxAnnotation(x - HALF + inset, y - HALF + inset,
            x + HALF - inset, y + HALF - inset, DISAGREEMENT_STROKE, Color.BLACK, null));
      }
    }
  }

  private static LegendItemCollection legend(PhaseGrid grid) {
    // the four phases of the rule always, failed only when a cell shows it
    Set<Phase> shown = EnumSet.range(Phase.COMPREHENSION, Phase.CONFUSION);
    boolean disagreement = false;
    for (PhaseCell cell : grid.cells().values()) {
      shown.add(cell.phase());
      disagreement |= cell.disagrees();
    }
    LegendItemCollection items = new LegendItemCollection();
    for (Phase phase : shown) {
      String text = phase == Phase.NOT_APPLICABLE ? "n/a (no test pairs)" : phase.key();
      items.add(new LegendItem(text, null, null, null,
          new Rectangle2D.Double(-6, -6, 12, 12), phase.colour()));
    }
    if (disagreement) {
      items.add(new LegendItem("seeds disagree", null, null, null,
          new Line2D.Double(-8, 0, 8, 0), DISAGREEMENT_STROKE, Color.BLACK));
    }
    return items;
  }
}
