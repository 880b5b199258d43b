package io.grokking.analysis.render;

import io.grokking.analysis.phase.PhaseRule;
import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * A phase diagram rendered to PNG and SVG bytes, with the file names the report links to. Bytes
 * rather than files keep rendering independent of where (and on which file system) they land.
 */
public record DiagramImages(int modulus, byte[] png, byte[] svg) {
  static {
    Headless.ensure();
  }

  /** Renders the diagram of {@code grid} in both formats at {@link PhaseDiagram#size}. */
  public static DiagramImages render(PhaseGrid grid, PhaseRule rule) {
    JFreeChart chart = PhaseDiagram.chart(grid, rule);
    Rectangle size = PhaseDiagram.size(grid);
    return new DiagramImages(grid.modulus(), png(chart, size), svg(chart, size));
  }

  /** {@code phase-p23.png} */
  public static String pngName(int modulus) {
    return baseName(modulus) + ".png";
  }

  /** {@code phase-p23.svg} */
  public static String svgName(int modulus) {
    return baseName(modulus) + ".svg";
  }

  private static String baseName(int modulus) {
    return String.format(Locale.ROOT, "phase-p%d", modulus);
  }

  private static byte[] png(JFreeChart chart, Rectangle size) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ChartUtils.writeChartAsPNG(out, chart, size.width, size.height);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode the PNG of " + chart.getTitle().getText(), e);
    }
  }

  private static byte[] svg(JFreeChart chart, Rectangle size) {
    SVGGraphics2D graphics = new SVGGraphics2D(size.width, size.height);
    chart.draw(graphics, size);
    return graphics.getSVGDocument().getBytes(StandardCharsets.UTF_8);
  }
}
