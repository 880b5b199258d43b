package io.grokking.sweep.config;

import io.grokking.trainer.config.ConfigException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One extra axis of the grid, {@code sweep.axes { KEY = VALUES }}: a setting and the values the
 * grid gives it, in the order written. VALUES is a list, a single value, or one of the shortcuts
 * {@code logspace(a, b, n)} (n values from a to b, equally spaced in log: each the previous times
 * (b/a)^(1/(n−1)); a and b are the values themselves, not exponents) and {@code linspace(a, b,
 * n)} (n equally spaced values from a to b). Generated values are rounded to 12 significant
 * digits, so {@code logspace(1e-4, 1e-2, 3)} is exactly [1.0E-4, 0.001, 0.01].
 *
 * @param key the setting, e.g. {@code train.learning-rate}
 * @param values numbers, words or booleans, as the configuration reader takes them
 */
public record Axis(String key, List<Object> values) {
  private static final Pattern SHORTCUT = Pattern.compile(
      "\\s*(logspace|linspace)\\s*\\((.*)\\)\\s*", Pattern.CASE_INSENSITIVE);
  private static final MathContext DIGITS = new MathContext(12);

  public Axis {
    ConfigException.check(values != null && !values.isEmpty(), Keys.AXES + "." + key,
        "a list of at least one value", values);
    values = List.copyOf(values);
  }

  /** True when {@code text} is meant as a shortcut: it starts with logspace or linspace. */
  static boolean isShortcut(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return t.startsWith("logspace") || t.startsWith("linspace");
  }

  /**
   * The values of a shortcut.
   *
   * @param key named in messages, as {@code sweep.axes.KEY}
   */
  static List<Object> expand(String key, String text) {
    String where = Keys.AXES + "." + key;
    Matcher m = SHORTCUT.matcher(text);
    String usage = "logspace(a, b, n) or linspace(a, b, n) with numbers a and b and an integer"
        + " n >= 2";
    if (!m.matches()) {
      throw new ConfigException(where, "must be " + usage + ", found " + text);
    }
    boolean log = m.group(1).equalsIgnoreCase("logspace");
    String[] args = m.group(2).split(",", -1);
    if (args.length != 3) {
      throw new ConfigException(where, "must be " + usage + " (three arguments), found " + text);
    }
    double a;
    double b;
    int n;
    try {
      a = Double.parseDouble(args[0].trim());
      b = Double.parseDouble(args[1].trim());
      n = Integer.parseInt(args[2].trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(where, "must be " + usage + ", found " + text);
    }
    if (!Double.isFinite(a) || !Double.isFinite(b) || n < 2) {
      throw new ConfigException(where, "must be " + usage + ", found " + text);
    }
    if (log && (a <= 0 || b <= 0)) {
      throw new ConfigException(where, "logspace(a, b, n) needs a > 0 and b > 0 (they are the"
          + " end values, not exponents: logspace(1e-4, 1e-2, 3) is [1e-4, 1e-3, 1e-2]), found "
          + text);
    }
    List<Object> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double t = (double) i / (n - 1);
      double v = log ? Math.exp(Math.log(a) + t * (Math.log(b) - Math.log(a))) : a + t * (b - a);
      values.add(i == 0 ? a : i == n - 1 ? b : new BigDecimal(v).round(DIGITS).doubleValue());
    }
    return values;
  }
}
