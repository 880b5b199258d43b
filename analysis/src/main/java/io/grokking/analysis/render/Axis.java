package io.grokking.analysis.render;

import io.grokking.trainer.config.Operation;
import io.grokking.trainer.config.Settings;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One categorical axis of a phase diagram: a setting and its distinct values, in order. Values are
 * the text of the runs' canonical configurations, numbers normalised ({@code 1.0} and {@code 1}
 * are one value). Numbers sort numerically, operations in {@link Operation} order, other words
 * alphabetically. Cells are equally wide whatever the values, so an axis whose values are
 * geometric ({@link #geometric()}) is a log axis and says so in its title.
 *
 * @param key    the setting key, e.g. {@code train.learning-rate}
 * @param values distinct values in axis order
 */
public record Axis(String key, List<String> values) {
  /** How much larger than the smallest a geometric axis's largest neighbour log-ratio may be. */
  static final double GEOMETRIC_SPREAD = 1.5;

  private static final Map<String, String> NAMES = Map.ofEntries(
      Map.entry(Settings.MODULI, "modulus p"),
      Map.entry(Settings.WEIGHT_DECAYS, "weight decay"),
      Map.entry(Settings.TRAIN_FRACTIONS, "training fraction"),
      Map.entry(Settings.SEEDS, "seed"),
      Map.entry("train.width", "width"),
      Map.entry("train.learning-rate", "learning rate"),
      Map.entry("train.steps", "step budget"),
      Map.entry("train.activation", "activation"),
      Map.entry("train.encoding", "encoding"),
      Map.entry("train.eval-every", "evaluation interval"),
      Map.entry("train.warmup-steps", "warm-up steps"),
      Map.entry("train.beta1", "Adam β1"),
      Map.entry("train.beta2", "Adam β2"),
      Map.entry("train.epsilon", "Adam ε"),
      Map.entry("train.init-scale", "initialisation scale"),
      Map.entry("train.dtype", "data type"),
      Map.entry("train.stop-after-grok", "stop after grokking"),
      Map.entry("train.stop-threshold", "stop threshold"),
      Map.entry("train.stop-window", "stop window"),
      Map.entry("train.loss", "loss function"),
      Map.entry("model.layers", "transformer layers"),
      Map.entry("task.operation", "operation"),
      Map.entry("task.label-noise", "label noise"));

  public Axis {
    values = List.copyOf(values);
  }

  /** The axis of {@code key} over these values (nulls and duplicates dropped). */
  public static Axis of(String key, Collection<String> values) {
    TreeSet<String> distinct = new TreeSet<>(order(key));
    values.stream().filter(v -> v != null).map(Axis::normal).forEach(distinct::add);
    return new Axis(key, List.copyOf(distinct));
  }

  /** What a run without the setting shows on an axis or in a panel. */
  static final String MISSING = "none";

  /** The run's value of setting {@code key} on an axis: normalised, {@link #MISSING} if absent. */
  static String valueOf(io.grokking.analysis.milestones.RunRecord run, String key) {
    String value = run.setting(key);
    return value == null ? MISSING : normal(value);
  }

  /** A readable name of a setting: {@code weight decay}, {@code learning rate}; else the key. */
  public static String name(String key) {
    return NAMES.getOrDefault(key, key);
  }

  /** The axis title: its name, plus {@code (log scale)} when geometric. */
  public String title() {
    return name(key) + (geometric() ? " (log scale)" : "");
  }

  /** A number without trailing zeros ({@code 1.0 → 1}, {@code 1e-4 → 0.0001}); text as is. */
  public static String normal(String value) {
    String text = value.trim();
    BigDecimal number = number(text);
    return number == null ? text : number.stripTrailingZeros().toPlainString();
  }

  /** The order of the values of setting {@code key}; values must be {@link #normal}. */
  public static Comparator<String> order(String key) {
    return (a, b) -> {
      BigDecimal x = number(a);
      BigDecimal y = number(b);
      if (x != null && y != null) {
        return x.compareTo(y);
      }
      if (x != null || y != null) {
        return x != null ? -1 : 1; // numbers first, should a setting mix them with words
      }
      if (key.equals("task.operation")) {
        int byDeclaration = Integer.compare(operationIndex(a), operationIndex(b));
        if (byDeclaration != 0) {
          return byDeclaration;
        }
      }
      return a.compareTo(b);
    };
  }

  private static int operationIndex(String key) {
    for (Operation o : Operation.values()) {
      if (o.key().equals(key)) {
        return o.ordinal();
      }
    }
    return Operation.values().length;
  }

  private static BigDecimal number(String text) {
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** True when every value is a number. */
  public boolean numeric() {
    return values.stream().allMatch(v -> number(v) != null);
  }

  /** The values as numbers; only for a {@link #numeric()} axis. */
  public List<Double> numbers() {
    return values.stream().map(Double::parseDouble).toList();
  }

  /** The index of {@code value} (normalised first) on the axis, or −1. */
  public int indexOf(String value) {
    return values.indexOf(normal(value));
  }

  /**
   * True when the values are numbers that grow by a roughly constant factor: all above 0, at
   * least three, and in ascending order the largest log-ratio of neighbours at most {@link
   * #GEOMETRIC_SPREAD} times the smallest (1e-4, 3e-4, 1e-3, 3e-3 is; 0.3, 0.6, 0.9 is not).
   */
  public boolean geometric() {
    return numeric() && geometric(numbers());
  }

  /**
   * The rule of {@link #geometric()} for ascending numbers: refinement takes geometric midpoints
   * on exactly the axes this draws on a log scale.
   */
  public static boolean isGeometric(List<Double> ascending) {
    return geometric(ascending);
  }

  static boolean geometric(List<Double> ascending) {
    if (ascending.size() < 3 || ascending.get(0) <= 0) {
      return false;
    }
    double smallest = Double.POSITIVE_INFINITY;
    double largest = 0;
    for (int i = 1; i < ascending.size(); i++) {
      double step = Math.log(ascending.get(i) / ascending.get(i - 1));
      smallest = Math.min(smallest, step);
      largest = Math.max(largest, step);
    }
    return smallest > 0 && largest <= GEOMETRIC_SPREAD * smallest;
  }

  /** The tick label of every value, in order. */
  public List<String> tickLabels() {
    boolean geometric = geometric();
    return values.stream().map(v -> label(v, geometric)).toList();
  }

  /** The tick label of one value of this axis. */
  public String label(String value) {
    return label(normal(value), geometric());
  }

  private static String label(String value, boolean geometric) {
    BigDecimal number = number(value);
    if (number == null) {
      return value;
    }
    return geometric ? Labels.compact(number.doubleValue()) : Labels.number(number.doubleValue());
  }
}
