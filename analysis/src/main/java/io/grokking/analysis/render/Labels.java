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
    // 2.50e-05 → 2.5e-5
    String[] parts = String.format(Locale.ROOT, "%.3e", value).split("e");
    String mantissa = parts[0].contains(".") ? parts[0].replaceAll("\\.?0+$", "") : parts[0];
    return mantissa + "e" + Integer.parseInt(parts[1]);
  }

  /** A delay in steps, or {@link #NOT_APPLICABLE}. */
  static String delay(Integer delay) {
    return delay == null ? NOT_APPLICABLE : Integer.toString(delay);
  }
}
