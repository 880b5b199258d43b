package io.grokking.analysis.render;

import io.grokking.analysis.series.Series;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;

/** The shared look of the report's line charts: fonts, the Okabe–Ito line colours, axes. */
final class Charts {
  static {
    Headless.ensure();
  }

  private Charts() {}

  static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
  static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Font PANEL_TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 12);
  static final Font HEADER_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 12);
  static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

  // Okabe–Ito colours that stay apart from the phase colours where they share a figure
  static final Color TRAIN = new Color(0x00, 0x72, 0xB2);
  static final Color TEST = new Color(0xD5, 0x5E, 0x00);
  static final Color NORM = new Color(0x33, 0x33, 0x33);
  static final Color IPR = new Color(0x00, 0x9E, 0x73);
  static final Color THRESHOLD = new Color(0x88, 0x88, 0x88);
  static final Color[] CATEGORY = {
      new Color(0x00, 0x72, 0xB2), new Color(0xD5, 0x5E, 0x00), new Color(0x00, 0x9E, 0x73),
      new Color(0xCC, 0x79, 0xA7), new Color(0xE6, 0x9F, 0x00), new Color(0x56, 0xB4, 0xE9),
      new Color(0x00, 0x00, 0x00), new Color(0xF0, 0xE4, 0x42)};

  static final Stroke SOLID = new BasicStroke(1.4f);
  static final Stroke DASHED = new BasicStroke(1.4f, BasicStroke.CAP_BUTT,
      BasicStroke.JOIN_ROUND, 10f, new float[] {5f, 3f}, 0f);
  static final Stroke THIN_DASHED = new BasicStroke(0.8f, BasicStroke.CAP_BUTT,
      BasicStroke.JOIN_ROUND, 10f, new float[] {3f, 3f}, 0f);

  /** {@code colour} seen through {@code 1 − alpha} of white: a light tint for backgrounds. */
  static Color tint(Color colour, double alpha) {
    return new Color(mix(colour.getRed(), alpha), mix(colour.getGreen(), alpha),
        mix(colour.getBlue(), alpha));
  }

  private static int mix(int channel, double alpha) {
    return (int) Math.round(255 - alpha * (255 - channel));
  }

  /**
   * A log step axis from 1 to {@code maxStep} with a tick per decade labelled 1, 10, 100, …:
   * step 0, which a log axis cannot show, is left out of every curve.
   */
  static LogAxis stepAxis(String label, int maxStep) {
    LogAxis axis = new LogAxis(label);
    axis.setBase(10);
    axis.setSmallestValue(1);
    axis.setRange(1, Math.max(10, maxStep * 1.05));
    axis.setTickUnit(new NumberTickUnit(1));
    axis.setNumberFormatOverride(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(
        Locale.ROOT)));
    axis.setMinorTickCount(9);
    axis.setMinorTickMarksVisible(true);
    style(axis);
    return axis;
  }

  /** A value axis with a fixed range. */
  static NumberAxis valueAxis(String label, double lower, double upper) {
    NumberAxis axis = new NumberAxis(label);
    axis.setRange(lower, upper);
    style(axis);
    return axis;
  }

  static void style(org.jfree.chart.axis.Axis axis) {
    axis.setLabelFont(LABEL_FONT);
    axis.setTickLabelFont(TICK_FONT);
  }

  /** The points of {@code s} with a positive step (and value, for a log value axis). */
  static XYSeries xy(Comparable<?> key, Series s, boolean positiveValues) {
    XYSeries xy = new XYSeries(key, false, true);
    for (int i = 0; i < s.size(); i++) {
      if (s.step(i) > 0 && (!positiveValues || s.value(i) > 0)) {
        xy.add(s.step(i), s.value(i));
      }
    }
    return xy;
  }

  /**
   * A renderer of lines without shapes, each series one path: the SVG then holds one element per
   * curve rather than one per segment.
   */
  static XYLineAndShapeRenderer lines() {
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    renderer.setDrawSeriesLineAsPath(true);
    return renderer;
  }

  /** A dashed grey line at the phase rule's accuracy threshold. */
  static ValueMarker threshold(double threshold) {
    ValueMarker marker = new ValueMarker(threshold, THRESHOLD, THIN_DASHED);
    return marker;
  }

  /** White background, light grid lines. */
  static XYPlot plain(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
    plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
    plot.setOutlinePaint(new Color(0xAA, 0xAA, 0xAA));
    return plot;
  }

  /** A chart without legend, with an optional small title, on white. */
  static JFreeChart panel(String title, Plot plot) {
    JFreeChart chart = new JFreeChart(null, PANEL_TITLE_FONT, plot, false);
    if (title != null) {
      chart.setTitle(new TextTitle(title, PANEL_TITLE_FONT));
    }
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new org.jfree.chart.ui.RectangleInsets(2, 2, 2, 6));
    return chart;
  }
}
