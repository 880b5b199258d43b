package io.grokking.analysis.render;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;

/**
 * Where data coordinates of an XY chart land in its PNG: the chart is laid out once at the PNG's
 * size with the PNG's rendering hints, so an HTML image map drawn from these pixels fits the
 * image.
 */
final class PlotPixels {
  private final XYPlot plot;
  private final Rectangle2D data;

  private PlotPixels(XYPlot plot, Rectangle2D data) {
    this.plot = plot;
    this.data = data;
  }

  /** Lays {@code chart} out at {@code size}, as {@link Images#render} draws its PNG. */
  static PlotPixels layout(JFreeChart chart, Rectangle size) {
    ChartRenderingInfo info = new ChartRenderingInfo();
    BufferedImage image = new BufferedImage(size.width, size.height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      Images.prepare(g);
      chart.draw(g, size, info);
    } finally {
      g.dispose();
    }
    return new PlotPixels(chart.getXYPlot(), info.getPlotInfo().getDataArea());
  }

  /** The pixel rectangle of the data box [x0, x1] × [y0, y1]. */
  Rectangle box(double x0, double x1, double y0, double y1) {
    double left = plot.getDomainAxis().valueToJava2D(x0, data, plot.getDomainAxisEdge());
    double right = plot.getDomainAxis().valueToJava2D(x1, data, plot.getDomainAxisEdge());
    double top = plot.getRangeAxis().valueToJava2D(y1, data, plot.getRangeAxisEdge());
    double bottom = plot.getRangeAxis().valueToJava2D(y0, data, plot.getRangeAxisEdge());
    int px = (int) Math.round(Math.min(left, right));
    int py = (int) Math.round(Math.min(top, bottom));
    return new Rectangle(px, py, (int) Math.round(Math.max(left, right)) - px,
        (int) Math.round(Math.max(top, bottom)) - py);
  }
}
