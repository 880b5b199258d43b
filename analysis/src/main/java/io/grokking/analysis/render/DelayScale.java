package io.grokking.analysis.render;

import java.awt.Color;
import java.awt.Paint;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import org.jfree.chart.renderer.PaintScale;

/**
 * Colours for log10 of a delay in steps, from 0 (one step) to log10 of the longest budget: the
 * viridis palette reversed, so a longer delay is darker; NaN (no delay) is light grey. Viridis
 * keeps its order in lightness, hence in greyscale and for colour-blind readers.
 */
final class DelayScale implements PaintScale {
  static final Color NO_DELAY = new Color(0xE4, 0xE4, 0xE4);

  /** Viridis at 0, .25, .5, .75 and 1. */
  static final Color[] STOPS = {
      new Color(0x44, 0x01, 0x54), new Color(0x3B, 0x52, 0x8B), new Color(0x21, 0x91, 0x8C),
      new Color(0x5E, 0xC9, 0x62), new Color(0xFD, 0xE7, 0x25)};

  private final double upper;

  /** @param maxSteps the longest delay the scale must show, at least 10 steps */
  DelayScale(int maxSteps) {
    this.upper = Math.log10(Math.max(10, maxSteps));
  }

  /** The scale value of a delay: log10 of it, delays below one step counting as one. */
  static double value(Integer steps) {
    return steps == null ? Double.NaN : Math.log10(Math.max(1, steps));
  }

  @Override
  public double getLowerBound() {
    return 0;
  }

  @Override
  public double getUpperBound() {
    return upper;
  }

  @Override
  public Paint getPaint(double value) {
    return colour(value);
  }

  Color colour(double value) {
    if (Double.isNaN(value)) {
      return NO_DELAY;
    }
    return gradient(STOPS, 1 - value / upper); // 1 = shortest delay
  }

  /** The colour at {@code t} in [0, 1] (clamped) along evenly spaced {@code stops}. */
  static Color gradient(Color[] stops, double t) {
    double position = Math.max(0, Math.min(1, t)) * (stops.length - 1);
    int i = Math.min(stops.length - 2, (int) Math.floor(position));
    double f = position - i;
    Color a = stops[i];
    Color b = stops[i + 1];
    return new Color(lerp(a.getRed(), b.getRed(), f), lerp(a.getGreen(), b.getGreen(), f),
        lerp(a.getBlue(), b.getBlue(), f));
  }

  /** True when black text would be hard to read on {@code colour}. */
  static boolean dark(Color colour) {
    double luminance = (0.299 * colour.getRed() + 0.587 * colour.getGreen()
        + 0.114 * colour.getBlue()) / 255;
    return luminance < 0.5;
  }

  private static int lerp(int a, int b, double f) {
    return (int) Math.round(a + (b - a) * f);
  }

  /** Tick labels of the scale's axis: the exponent v shown as the number of steps 10^v. */
  static final class Steps extends NumberFormat {
    @Override
    public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
      return to.append(Labels.number(Math.round(Math.pow(10, number))));
    }

    @Override
    public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
      return format((double) number, to, pos);
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
      throw new UnsupportedOperationException("format only");
    }
  }
}
