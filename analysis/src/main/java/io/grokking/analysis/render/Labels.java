package io.grokking.analysis.render;

import java.math.BigDecimal;
import java.util.Locale;

/** Short, exact-looking labels for axis values and delays. */
final class Labels {
  private Labels() {}

  static final String NOT_APPLICABLE = "—";

  /**
   * {@code 0.0001 → "1e-4"}, {@code 0.3 → "0.3"}, {@code 1.0 → "1"}: no trailing zeros, and
   * scientific below 0.001 or when the plain form would be long, where zeros are hard to count.
   */
  static String number(double value) {
    if (value == 0) {
      return "0";
    }
    String plain = new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    if (Math.abs(value) >= 1e-3 && plain.length() <= 7) {
      return plain;
    }
    return scientific(value);
  }

  /**
   * The tick label of a value on a geometric axis: scientific below 0.01 and from 1e4 on
   * ({@code 1e-4}, {@code 3e-4}, {@code 1e-3}, {@code 2e4}), plain in between ({@code 0.03},
   * {@code 300}), with at most four significant digits ({@code 0.03162} for 10^−1.5).
   */
  static String compact(double value) {
    if (value == 0 || (Math.abs(value) >= 0.01 && Math.abs(value) < 1e4)) {
      return new BigDecimal(Double.toString(value)).round(new java.math.MathContext(4))
          .stripTrailingZeros().toPlainString();
    }
    return scientific(value);
  }

  /** {@code 2.50e-05 → 2.5e-5}. */
  private static String scientific(double value) {
    String[] parts = String.format(Locale.ROOT, "%.3e", value).split("e");
    String mantissa = parts[0].contains(".") ? parts[0].replaceAll("\\.?0+$", "") : parts[0];
    return mantissa + "e" + Integer.parseInt(parts[1]);
  }

  /** A delay in steps, or {@link #NOT_APPLICABLE}. */
  static String delay(Integer delay) {
    return delay == null ? NOT_APPLICABLE : Integer.toString(delay);
  }
}
