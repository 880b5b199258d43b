package io.grokking.trainer.config;

import java.util.List;
import java.util.Locale;

/**
 * The one declaration of a setting: its key as a user writes it, its type, default and allowed
 * values, a one-line doc, and its part in a run: whether it enters the run id (with its token and
 * output column), can be an axis, or only describes the sweep. The part of the code that owns the
 * setting declares it as a constant (for example {@link TrainConfig#WIDTH}); the configuration
 * loader, the validation messages, {@code grok keys} and the README's key table all read these
 * declarations, in the manner of Flink's {@code ConfigOptions} and Spark's {@code ConfigBuilder}.
 *
 * @param key as written in a configuration, e.g. {@code train.learning-rate}
 * @param type what the value is
 * @param defaultValue the built-in default as the loader takes it (a number, boolean, word or
 *     list), or null when the default is another setting's value (see {@code defaultText})
 * @param defaultText the default as {@code grok keys} and the README show it
 * @param allowed the allowed values, as a validation message says them ("an integer > 0")
 * @param doc what the setting does, in one line
 * @param role how the setting takes part in a run and a sweep
 * @param token its name inside a run's canonical configuration ({@link RunSpec#canonical()}), or
 *     null when it is not part of a run's identity
 * @param column its column in {@code results}, {@code runs} and {@code runs.csv}, or null
 * @param absent its value in a canonical configuration that leaves it out (a default the run id
 *     omits so that older ids stay stable), or null when a run without it does not have the
 *     setting at all (the transformer has no width, the MLP no d_model)
 * @param refinable true for a real number between any two values of which a midpoint is a valid
 *     value, so that grid refinement can subdivide it
 * @param valid the rule {@link #allowed} states, for settings checked by their declaration alone
 *     ({@link #validate}); the records that hold the older settings check them in their
 *     constructors instead, and accept anything here
 */
public record Setting(String key, Type type, Object defaultValue, String defaultText,
    String allowed, String doc, Role role, String token, String column, String absent,
    boolean refinable, java.util.function.Predicate<Object> valid) {

  /** The kind of value a setting holds. */
  public enum Type {
    INTEGER, NUMBER, BOOLEAN, WORD, LIST, OBJECT;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How a setting takes part in runs and sweeps. */
  public enum Role {
    /** One of the grid's own lists ({@code sweep.moduli} and the like): part of every run id. */
    GRID,
    /** Changes what a run computes: part of the run id, and can be an axis. */
    RUN,
    /** Changes only how fast a run gets there (threads, checkpoints): never in the run id. */
    RUNTIME,
    /** Describes the sweep (its size limit, refinement, the axes block). */
    SWEEP,
    /** Settings of the analysis that follows a sweep. */
    ANALYSIS
  }

  public Setting {
    if (key == null || type == null || role == null || allowed == null || doc == null) {
      throw new IllegalArgumentException("incomplete declaration of " + key);
    }
  }

  /** True when a list under {@code sweep.axes} may vary this setting. */
  public boolean axis() {
    return role == Role.RUN;
  }

  /** Fails with {@code "KEY: must be ALLOWED, found VALUE"} unless {@link #valid} holds. */
  public void validate(Object value) {
    check(value != null && valid.test(value), value);
  }

  /** Fails with {@code "KEY: must be ALLOWED, found VALUE"} unless {@code ok}. */
  public void check(boolean ok, Object found) {
    ConfigException.check(ok, key, allowed, found);
  }

  /** The message of a value outside the allowed ones. */
  public ConfigException rejected(Object found) {
    return new ConfigException(key, "must be " + allowed + ", found " + found);
  }

  /** Starts the declaration of {@code key}. */
  /**
   * {@code values}, checked against the settings a plug-in declares itself ({@code declared}, the
   * options of the family or task that {@code owner} names, e.g. {@code model.family = mlp}),
   * sorted by key and unmodifiable: a key it does not declare, or a value its rule refuses, fails
   * naming that key.
   */
  public static java.util.Map<String, Object> checkedOptions(java.util.Map<String, Object> values,
      java.util.List<Setting> declared, String owner) {
    java.util.TreeMap<String, Object> sorted = new java.util.TreeMap<>(values);
    for (java.util.Map.Entry<String, Object> e : sorted.entrySet()) {
      Setting s = declared.stream().filter(d -> d.key().equals(e.getKey())).findFirst()
          .orElseThrow(() -> new ConfigException(e.getKey(), "is not a setting of " + owner));
      s.validate(e.getValue());
    }
    return java.util.Collections.unmodifiableMap(sorted);
  }

  public static Builder key(String key) {
    return new Builder(key);
  }

  /** A value as a table shows it: {@code 1e-3} for small numbers, lists in brackets. */
  public static String display(Object value) {
    if (value instanceof Double d) {
      return number(d);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Setting::display).toList().toString();
    }
    return String.valueOf(value);
  }

  /** {@code 1e-3} rather than Java's {@code 0.001} below 0.01, {@code 1.0E-8}'s {@code 1e-8}. */
  private static String number(double d) {
    if (d != 0 && Math.abs(d) < 0.01) {
      String s = String.format(Locale.ROOT, "%.0e", d);
      if (Double.parseDouble(s) == d) {
        return s.replaceFirst("e([-+])0*(\\d)", "e$1$2").replace("e+", "e");
      }
    }
    return Double.toString(d);
  }

  /** A declaration under construction; {@link #build()} checks it is complete. */
  public static final class Builder {
    private final String key;
    private Type type;
    private Object defaultValue;
    private String defaultText;
    private String allowed;
    private String doc;
    private Role role;
    private String token;
    private String column;
    private String absent;
    private boolean refinable;
    private java.util.function.Predicate<Object> valid = v -> true;

    private Builder(String key) {
      this.key = key;
    }

    public Builder integer(int def) {
      return typed(Type.INTEGER, def);
    }

    public Builder number(double def) {
      return typed(Type.NUMBER, def);
    }

    public Builder bool(boolean def) {
      return typed(Type.BOOLEAN, def);
    }

    public Builder word(String def) {
      return typed(Type.WORD, def);
    }

    public Builder list(List<?> def) {
      return typed(Type.LIST, List.copyOf(def));
    }

    /** A number whose default is a word such as {@code none}, which the owner reads. */
    public Builder numberOr(String word) {
      return typed(Type.NUMBER, word);
    }

    /** A setting whose default is another setting's value, or that has none ({@code text}). */
    public Builder derived(Type t, String text) {
      this.type = t;
      this.defaultValue = null;
      this.defaultText = text;
      return this;
    }

    private Builder typed(Type t, Object def) {
      this.type = t;
      this.defaultValue = def;
      this.defaultText = display(def);
      return this;
    }

    /** What the default is shown as, when the value alone would not say it. */
    public Builder shown(String text) {
      this.defaultText = text;
      return this;
    }

    public Builder allowed(String text) {
      this.allowed = text;
      return this;
    }

    public Builder doc(String text) {
      this.doc = text;
      return this;
    }

    /** Part of a run's identity, as {@code token=value}, and an output column. */
    public Builder run(String runToken, String outputColumn) {
      this.role = Role.RUN;
      this.token = runToken;
      this.column = outputColumn;
      return this;
    }

    /** One of the grid's own lists. */
    public Builder grid(String runToken, String outputColumn) {
      run(runToken, outputColumn);
      this.role = Role.GRID;
      return this;
    }

    /** The value a canonical configuration that leaves the token out stands for. */
    public Builder absent(String value) {
      this.absent = value;
      return this;
    }

    public Builder runtime() {
      this.role = Role.RUNTIME;
      return this;
    }

    public Builder sweep() {
      this.role = Role.SWEEP;
      return this;
    }

    public Builder analysis() {
      this.role = Role.ANALYSIS;
      return this;
    }

    public Builder refinable() {
      this.refinable = true;
      return this;
    }

    /** The rule {@link #allowed(String)} states, checked by {@link Setting#validate}. */
    public Builder valid(java.util.function.Predicate<Object> rule) {
      this.valid = rule;
      return this;
    }

    public Setting build() {
      return new Setting(key, type, defaultValue, defaultText, allowed, doc, role, token, column,
          absent, refinable, valid);
    }
  }
}
