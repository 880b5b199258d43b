package io.grokking.analysis.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.ui.Drawable;
import org.jfree.svg.SVGGraphics2D;

/**
 * One figure rendered to PNG and SVG bytes, with the file names the report links to. Bytes rather
 * than files keep rendering independent of where (and on which file system) they land.
 *
 * @param name file name without extension, such as {@code phase-p23}
 */
public record Images(String name, byte[] png, byte[] svg) {
  static {
    Headless.ensure();
  }

  /** Draws {@code drawing} (a chart or a composite of charts) at {@code size} in both formats. */
  public static Images render(String name, Drawable drawing, Rectangle size) {
    return new Images(name, png(name, drawing, size), svg(drawing, size));
  }

  public static String pngName(String name) {
    return name + ".png";
  }

  public static String svgName(String name) {
    return name + ".svg";
  }

  public String pngName() {
    return pngName(name);
  }

  public String svgName() {
    return svgName(name);
  }

  private static byte[] png(String name, Drawable drawing, Rectangle size) {
    BufferedImage image = new BufferedImage(size.width, size.height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      prepare(g);
      g.setColor(Color.WHITE);
      g.fill(size);
      drawing.draw(g, size);
    } finally {
      g.dispose();
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ChartUtils.writeBufferedImageAsPNG(out, image);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode the PNG of " + name, e);
    }
  }

  /** The rendering hints of every PNG, so that a layout measured elsewhere matches the PNG's. */
  static void prepare(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
  }

  private static byte[] svg(Drawable drawing, Rectangle size) {
    SVGGraphics2D graphics = new SVGGraphics2D(size.width, size.height);
    graphics.setColor(Color.WHITE);
    graphics.fill(size);
    drawing.draw(graphics, size);
    return graphics.getSVGDocument().getBytes(StandardCharsets.UTF_8);
  }
}
