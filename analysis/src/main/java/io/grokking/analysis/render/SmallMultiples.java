package io.grokking.analysis.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.ui.Drawable;

/**
 * A grid of charts drawn as one figure: a title, optional column and row headers (the grid's two
 * hyperparameters), the panels, and a legend shared by all of them. Rows are listed top to bottom;
 * a null panel is a grid point without runs and is drawn as an empty grey box. Drawing through
 * {@link Drawable} lets the same code fill a PNG raster and an SVG document.
 */
final class SmallMultiples implements Drawable {
  static {
    Headless.ensure();
  }

  /** One legend entry: a line sample, a filled box, or a hatched box. */
  record Key(String label, Paint paint, Stroke stroke, Kind kind) {
    enum Kind { LINE, BOX, HATCH }

    static Key line(String label, Paint paint, Stroke stroke) {
      return new Key(label, paint, stroke, Kind.LINE);
    }

    static Key box(String label, Paint paint) {
      return new Key(label, paint, null, Kind.BOX);
    }
  }

  private static final int MARGIN = 10;
  private static final int TITLE_HEIGHT = 26;
  private static final int LINE_HEIGHT = 16;
  private static final int HEADER_HEIGHT = 18;
  private static final int ROW_LABEL_WIDTH = 62;
  private static final int LEGEND_HEIGHT = 24;
  private static final Color EMPTY = new Color(0xF2, 0xF2, 0xF2);

  private final String title;
  private final List<String> subtitles;
  private final String columnHeader;
  private final List<String> columnLabels;
  private final String rowHeader;
  private final List<String> rowLabels;
  private final JFreeChart[][] panels;
  private final List<Key> legend;
  private final int panelWidth;
  private final int panelHeight;

  /**
   * @param columnHeader null for a grid without column headers (then columnLabels is ignored)
   * @param rowHeader    null for a grid without row headers (then rowLabels is ignored)
   */
  SmallMultiples(String title, List<String> subtitles, String columnHeader,
      List<String> columnLabels, String rowHeader, List<String> rowLabels, JFreeChart[][] panels,
      List<Key> legend, int panelWidth, int panelHeight) {
    if (panels.length == 0 || panels[0].length == 0) {
      throw new IllegalArgumentException("A figure needs at least one panel, found none");
    }
    this.title = title;
    this.subtitles = List.copyOf(subtitles);
    this.columnHeader = columnHeader;
    this.columnLabels = List.copyOf(columnLabels);
    this.rowHeader = rowHeader;
    this.rowLabels = List.copyOf(rowLabels);
    this.panels = panels;
    this.legend = List.copyOf(legend);
    this.panelWidth = panelWidth;
    this.panelHeight = panelHeight;
  }

  private int rows() {
    return panels.length;
  }

  private int columns() {
    return panels[0].length;
  }

  private int left() {
    return MARGIN + (rowHeader == null ? 0 : HEADER_HEIGHT + ROW_LABEL_WIDTH);
  }

  private int top() {
    return MARGIN + TITLE_HEIGHT + LINE_HEIGHT * subtitles.size()
        + (columnHeader == null ? 0 : 2 * HEADER_HEIGHT);
  }

  /** The figure's size, from the panel size and the grid's shape. */
  Rectangle size() {
    int width = left() + columns() * panelWidth + MARGIN;
    int height = top() + rows() * panelHeight + (legend.isEmpty() ? 0 : LEGEND_HEIGHT) + MARGIN;
    return new Rectangle(0, 0, width, height);
  }

  @Override
  public void draw(Graphics2D g, Rectangle2D area) {
    AffineTransform saved = g.getTransform();
    g.translate(area.getX(), area.getY());
    Rectangle size = size();
    g.setPaint(Color.WHITE);
    g.fill(size);
    g.setPaint(Color.BLACK);

    g.setFont(Charts.TITLE_FONT);
    centre(g, title, size.width / 2.0, MARGIN + 18);
    g.setFont(Charts.SUBTITLE_FONT);
    for (int i = 0; i < subtitles.size(); i++) {
      centre(g, subtitles.get(i), size.width / 2.0, MARGIN + TITLE_HEIGHT + LINE_HEIGHT * i + 11);
    }
    int left = left();
    int top = top();
    if (columnHeader != null) {
      int y = top - 2 * HEADER_HEIGHT;
      g.setFont(Charts.HEADER_FONT);
      centre(g, columnHeader, left + columns() * panelWidth / 2.0, y + 13);
      g.setFont(Charts.LABEL_FONT);
      for (int c = 0; c < columns() && c < columnLabels.size(); c++) {
        centre(g, columnLabels.get(c), left + (c + 0.5) * panelWidth, y + HEADER_HEIGHT + 13);
      }
    }
    if (rowHeader != null) {
      g.setFont(Charts.HEADER_FONT);
      AffineTransform beforeRotation = g.getTransform();
      g.translate(MARGIN + 13, top + rows() * panelHeight / 2.0);
      g.rotate(-Math.PI / 2);
      centre(g, rowHeader, 0, 0);
      g.setTransform(beforeRotation);
      g.setFont(Charts.LABEL_FONT);
      for (int r = 0; r < rows() && r < rowLabels.size(); r++) {
        right(g, rowLabels.get(r), left - 6, top + (r + 0.5) * panelHeight + 4);
      }
    }
    for (int r = 0; r < rows(); r++) {
      for (int c = 0; c < columns(); c++) {
        Rectangle2D cell = new Rectangle2D.Double(left + c * panelWidth, top + r * panelHeight,
            panelWidth, panelHeight);
        JFreeChart panel = panels[r][c];
        if (panel == null) {
          g.setPaint(EMPTY);
          g.fill(new Rectangle2D.Double(cell.getX() + 4, cell.getY() + 4, cell.getWidth() - 8,
              cell.getHeight() - 8));
          g.setPaint(Color.GRAY);
          g.setFont(Charts.LABEL_FONT);
          centre(g, "no run", cell.getCenterX(), cell.getCenterY());
        } else {
          panel.draw(g, cell);
        }
      }
    }
    drawLegend(g, size.width, top + rows() * panelHeight);
    g.setTransform(saved);
  }

  private void drawLegend(Graphics2D g, int width, int y) {
    if (legend.isEmpty()) {
      return;
    }
    g.setFont(Charts.LABEL_FONT);
    FontMetrics metrics = g.getFontMetrics();
    int sample = 22;
    int gap = 18;
    int total = legend.stream()
        .mapToInt(k -> sample + 5 + metrics.stringWidth(k.label()) + gap).sum() - gap;
    double x = Math.max(MARGIN, (width - total) / 2.0);
    double mid = y + LEGEND_HEIGHT / 2.0 + 2;
    for (Key key : legend) {
      Stroke stroke = g.getStroke();
      switch (key.kind()) {
        case LINE -> {
          g.setPaint(key.paint());
          g.setStroke(key.stroke());
          g.draw(new Line2D.Double(x, mid, x + sample, mid));
        }
        case BOX -> {
          g.setPaint(key.paint());
          g.fill(new Rectangle2D.Double(x + 5, mid - 6, 12, 12));
          g.setPaint(Color.GRAY);
          g.draw(new Rectangle2D.Double(x + 5, mid - 6, 12, 12));
        }
        case HATCH -> {
          g.setPaint(key.paint());
          g.draw(new Rectangle2D.Double(x + 5, mid - 6, 12, 12));
          for (int d = -8; d <= 8; d += 4) {
            g.draw(new Line2D.Double(x + 5 + Math.max(0, d), mid + 6 - Math.max(0, -d),
                x + 17 - Math.max(0, -d), mid - 6 + Math.max(0, d)));
          }
        }
      }
      g.setStroke(stroke);
      g.setPaint(Color.BLACK);
      g.drawString(key.label(), (float) (x + sample + 5), (float) (mid + 4));
      x += sample + 5 + metrics.stringWidth(key.label()) + gap;
    }
  }

  private static void centre(Graphics2D g, String text, double x, double baseline) {
    Font font = g.getFont();
    double width = g.getFontMetrics(font).stringWidth(text);
    g.drawString(text, (float) (x - width / 2), (float) baseline);
  }

  private static void right(Graphics2D g, String text, double x, double baseline) {
    double width = g.getFontMetrics().stringWidth(text);
    g.drawString(text, (float) (x - width), (float) baseline);
  }
}
