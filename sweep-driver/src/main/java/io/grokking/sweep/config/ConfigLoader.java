package io.grokking.sweep.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.Families;
import io.grokking.trainer.config.FamilySpec;
import io.grokking.trainer.config.LossFunction;
import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.Operation;
import io.grokking.trainer.config.OptimizerConfig;
import io.grokking.trainer.config.Precision;
import io.grokking.trainer.config.Setting;
import io.grokking.trainer.config.StopWhen;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TaskSpec;
import io.grokking.trainer.config.Tasks;
import io.grokking.trainer.config.TrainConfig;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a HOCON file and command-line overrides into a validated {@link SweepConfig}.
 *
 * <p>This is the one class that owns precedence: a {@code --set key=value} on the command line
 * beats the config file, which beats the defaults (the {@code DEFAULT_*} constants of
 * {@link SweepConfig}, {@link TrainConfig} and {@link AnalysisConfig}). Nothing else merges
 * settings. JVM system properties and environment variables are deliberately not consulted, so
 * a sweep is reproducible from its {@code sweep.conf} alone.
 *
 * <p>Every problem is a {@link ConfigException} naming the key as the user wrote it and the value
 * found: unknown keys (with a "did you mean" suggestion), wrong types, values outside their range,
 * and malformed files (with the file name and line number).
 */
public final class ConfigLoader {
  private static final String DEFAULTS_ORIGIN = "defaults";
  /** Suggestions farther than this many edits are more confusing than helpful. */
  private static final int MAX_SUGGESTION_DISTANCE = 4;

  private ConfigLoader() {}

  /** Loads {@code file} with the {@code key=value} overrides on top. */
  public static SweepConfig load(Path file, List<String> sets) {
    return parse(read(file), file.toString(), sets);
  }

  private static String read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("--config", "must be a readable file, found "
          + (Files.exists(file) ? "a directory " : "nothing at ") + file);
    }
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new ConfigException("--config", "must be a readable file, found " + file + " ("
          + e.getMessage() + ")");
    }
  }

  /**
   * One point of a refined grid: {@code file} with {@code sets} on top, then each setting of
   * {@code fixed} (a grid key such as {@code sweep.weight-decays}, or a key of sweep.axes) set to
   * its one value, and refinement off. Its runs are those a grid with these values would have.
   */
  public static SweepConfig point(Path file, List<String> sets, Map<String, Object> fixed) {
    List<String> all = new ArrayList<>(sets);
    fixed.forEach((key, value) -> {
      String text = value instanceof String word
          ? ConfigValueFactory.fromAnyRef(word).render(ConfigRenderOptions.concise())
          : String.valueOf(value);
      all.add((Keys.GRID_KEYS.contains(key) ? key : Keys.AXES + "." + key) + "=" + text);
    });
    all.add(Keys.REFINE_ROUNDS + "=0");
    return load(file, all);
  }

  /**
   * The value of every key that {@code file} (null for none: the built-in defaults) with the
   * {@code sets} on top gives a sweep, and where each comes from, in the order of the keys
   * table; each key of {@code sweep.axes} follows as {@code sweep.axes.KEY}. The configuration
   * is validated first, exactly as {@code grok sweep} validates it.
   */
  public static List<KeyTable.Resolved> explain(Path file, List<String> sets) {
    String text = file == null ? "" : read(file);
    String origin = file == null ? DEFAULTS_ORIGIN : file.toString();
    parse(text, origin, sets);
    Config merged = overrides(sets).withFallback(ConfigFactory.parseString(quoteShortcuts(text),
        ConfigParseOptions.defaults().setOriginDescription(origin))).withFallback(defaults())
        .resolve();
    List<KeyTable.Resolved> out = new ArrayList<>();
    for (Setting s : Keys.DECLARED) {
      if (s.type() == Setting.Type.OBJECT) {
        continue;
      }
      if (merged.hasPath(s.key())) {
        ConfigValue v = merged.getValue(s.key());
        out.add(new KeyTable.Resolved(s, Setting.display(v.unwrapped()),
            DEFAULTS_ORIGIN.equals(v.origin().description()) ? "default" : where(v.origin())));
      } else {
        out.add(new KeyTable.Resolved(s, "= " + s.defaultText(), "default"));
      }
    }
    axes(merged).forEach((key, values) -> out.add(new KeyTable.Resolved(
        Keys.declaration(key).orElseThrow(), Setting.display(values.stream()
            .map(ConfigValue::unwrapped).toList()),
        "axis " + where(merged.getValue(Keys.AXES + "." + key).origin()))));
    return out;
  }

  /**
   * HOCON forbids commas and parentheses in unquoted text, so {@code lr = logspace(1e-4, 1e-2, 3)}
   * would not parse; this quotes such shortcuts where they stand unquoted, keeping every line
   * where it was.
   */
  static String quoteShortcuts(String hocon) {
    return UNQUOTED_SHORTCUT.matcher(hocon).replaceAll("$1\"$2\"");
  }

  private static final java.util.regex.Pattern UNQUOTED_SHORTCUT = java.util.regex.Pattern
      .compile("([=:]\\s*)((?:logspace|linspace)\\s*\\([^()\"\\n]*\\))");

  /** Loads HOCON text, named {@code origin} in messages; for tests and for a stored sweep.conf. */
  public static SweepConfig parse(String hocon, String origin, List<String> sets) {
    Config parsed;
    try {
      parsed = ConfigFactory.parseString(quoteShortcuts(hocon),
          ConfigParseOptions.defaults().setOriginDescription(origin));
    } catch (com.typesafe.config.ConfigException e) {
      throw malformed(origin, e);
    }
    return resolve(parsed, sets, origin);
  }

  /** The grid hash recorded in a rendered sweep.conf, if the text has one. */
  public static Optional<String> recordedGridHash(String sweepConf, String origin) {
    try {
      Config c = ConfigFactory.parseString(sweepConf,
          ConfigParseOptions.defaults().setOriginDescription(origin));
      return c.hasPath(Keys.GRID_HASH) ? Optional.of(c.getString(Keys.GRID_HASH))
          : Optional.empty();
    } catch (com.typesafe.config.ConfigException e) {
      throw malformed(origin, e);
    }
  }

  private static SweepConfig resolve(Config file, List<String> sets, String fileName) {
    Config merged;
    try {
      merged = overrides(sets).withFallback(file).withFallback(defaults()).resolve();
    } catch (com.typesafe.config.ConfigException e) {
      throw malformed(fileName, e);
    }
    rejectUnknownKeys(merged);
    Reader r = new Reader(merged);
    // first: the settle threshold defaults to the phase threshold, whose errors name its own key
    AnalysisConfig analysis = new AnalysisConfig(r.number(Keys.PHASE_THRESHOLD),
        r.integer(Keys.PHASE_GAP), r.word(Keys.PHASE_RULE), r.number(Keys.PHASE_RATIO),
        r.word(Keys.X), r.word(Keys.Y),
        r.list(Keys.LOSS_MILESTONES, v -> r.numberOf(Keys.LOSS_MILESTONES, v)));
    TrainConfig train = train(r);
    TaskConfig task = task(r);
    ModelConfig model = model(r);
    OptimizerConfig optimizer = optimizer(r);
    List<Integer> moduli = r.list(Keys.MODULI, v -> r.integerOf(Keys.MODULI, v));
    List<Double> weightDecays = r.list(Keys.WEIGHT_DECAYS,
        v -> r.numberOf(Keys.WEIGHT_DECAYS, v));
    List<Double> fractions = r.list(Keys.TRAIN_FRACTIONS,
        v -> r.numberOf(Keys.TRAIN_FRACTIONS, v));
    List<Long> seeds = r.list(Keys.SEEDS, v -> r.longOf(Keys.SEEDS, v));
    boolean allowLargeGrid = r.bool(Keys.ALLOW_LARGE_GRID);
    Map<String, List<ConfigValue>> axisValues = axes(merged);
    List<Axis> axes = new ArrayList<>();
    axisValues.forEach((key, values) ->
        axes.add(new Axis(key, values.stream().map(ConfigValue::unwrapped).toList())));
    // before the variants are built: a typo must not make this loop over millions of points
    SweepConfig.checkSize(moduli.size(), weightDecays.size(), fractions.size(), seeds.size(),
        axes, allowLargeGrid, SweepConfig.DEFAULT_MAX_RUNS);
    List<Variant> variants = variants(merged, axisValues, train, task, model, optimizer);
    checkSettleSettingsAreRead(r, axisValues, variants);
    checkOwnSettingsAreRead(r, axisValues, variants, moduli);
    RefineConfig refine = new RefineConfig(r.integer(Keys.REFINE_ROUNDS),
        r.integer(Keys.REFINE_MAX_RUNS), RefineConfig.trigger(r.word(Keys.REFINE_TRIGGER)));
    LiveReportConfig liveReport = new LiveReportConfig(r.word(Keys.REPORT_EVERY),
        r.integer(Keys.REPORT_MIN_INTERVAL));
    return new SweepConfig(moduli, weightDecays, fractions, seeds, axes, variants, allowLargeGrid,
        SweepConfig.DEFAULT_MAX_RUNS, train, task, model, optimizer, analysis, refine, liveReport);
  }

  /**
   * The settle threshold and window are read only by runs that stop once their phase is settled;
   * set in a sweep without such runs, they are a mistake.
   */
  private static void checkSettleSettingsAreRead(Reader r, Map<String, List<ConfigValue>> axes,
      List<Variant> variants) {
    if (variants.stream().anyMatch(v -> v.train().stopWhen() == StopWhen.PHASE_SETTLED)) {
      return;
    }
    for (String key : List.of(Keys.SETTLE_THRESHOLD, Keys.SETTLE_WINDOW)) {
      if (r.has(key) || axes.containsKey(key)) {
        throw SweepConfig.unread(key, Keys.STOP_WHEN + " = phase-settled", key + " = "
            + (r.has(key) ? r.word(key) : axes.get(key).stream().map(ConfigValue::unwrapped)
                .toList()));
      }
    }
  }

  private static TrainConfig train(Reader r) {
    return new TrainConfig(
        r.integer(Keys.WIDTH),
        r.number(Keys.LEARNING_RATE),
        r.integer(Keys.STEPS),
        r.choice(Keys.ACTIVATION, v -> Activation.parse(Keys.ACTIVATION, v)),
        r.choice(Keys.ENCODING, v -> Encoding.parse(Keys.ENCODING, v)),
        r.integer(Keys.EVAL_EVERY),
        r.integer(Keys.WARMUP_STEPS),
        r.number(Keys.BETA1),
        r.number(Keys.BETA2),
        r.number(Keys.EPSILON),
        r.number(Keys.INIT_SCALE),
        r.choice(Keys.DTYPE, v -> Precision.parse(Keys.DTYPE, v)),
        r.bool(Keys.STOP_AFTER_GROK),
        r.number(Keys.STOP_THRESHOLD),
        r.integer(Keys.STOP_WINDOW),
        r.integer(Keys.THREADS),
        r.integer(Keys.CHECKPOINT_EVERY),
        initStd(r),
        r.choice(Keys.LOSS, v -> LossFunction.parse(Keys.LOSS, v)),
        r.choice(Keys.STOP_WHEN, v -> StopWhen.parse(Keys.STOP_WHEN, v)),
        r.number(r.has(Keys.SETTLE_THRESHOLD) ? Keys.SETTLE_THRESHOLD : Keys.PHASE_THRESHOLD),
        r.integer(r.has(Keys.SETTLE_WINDOW) ? Keys.SETTLE_WINDOW : Keys.STOP_WINDOW),
        batchSize(r));
  }

  /**
   * train.batch-size: {@link TrainConfig#FULL_BATCH} for {@code full}, else an integer ≥ 1; that
   * it fits each run's training split is checked with the grid ({@link SweepConfig}).
   */
  private static int batchSize(Reader r) {
    if (r.word(Keys.BATCH_SIZE).trim().equals(TrainConfig.FULL_BATCH_WORD)) {
      return TrainConfig.FULL_BATCH;
    }
    int size = r.integer(Keys.BATCH_SIZE, TrainConfig.BATCH_SIZE.allowed());
    TrainConfig.BATCH_SIZE.check(size >= 1, size);
    return size;
  }

  /** train.init-std's default: not given, so the weights' deviation is init-scale / √p. */
  private static final String INIT_STD_NONE = (String) TrainConfig.INIT_STD.defaultValue();

  /**
   * train.init-std, NaN for {@code none}. It replaces init-scale, so a configuration (or an axis
   * point) that sets both is refused: one of them would be silently ignored.
   */
  private static double initStd(Reader r) {
    if (r.word(Keys.INIT_STD).equals(INIT_STD_NONE)) {
      return Double.NaN;
    }
    double std = r.number(Keys.INIT_STD, TrainConfig.INIT_STD.allowed());
    if (!r.isDefault(Keys.INIT_SCALE)) {
      throw new ConfigException(Keys.INIT_STD, "must not be set together with " + Keys.INIT_SCALE
          + ", which it replaces (init-std gives the deviation itself, init-scale it times"
          + " 1/sqrt(p)); set one of them, found " + Keys.INIT_STD + " = " + std + " and "
          + Keys.INIT_SCALE + " = " + r.number(Keys.INIT_SCALE));
    }
    return std;
  }

  private static OptimizerConfig optimizer(Reader r) {
    return new OptimizerConfig(
        r.choice(Keys.OPTIMIZER, v -> OptimizerConfig.Kind.parse(Keys.OPTIMIZER, v)),
        r.number(Keys.MOMENTUM),
        r.choice(Keys.DECAY_TOWARD, v -> OptimizerConfig.DecayToward.parse(Keys.DECAY_TOWARD, v)),
        r.choice(Keys.GRAD_FILTER, v -> OptimizerConfig.Filter.parse(Keys.GRAD_FILTER, v)),
        r.number(Keys.GROKFAST_ALPHA),
        r.word(Keys.GROKFAST_LAMBDA).equals(LAMBDA_DEFAULT) ? Double.NaN
            : r.number(Keys.GROKFAST_LAMBDA),
        r.integer(Keys.GROKFAST_WINDOW));
  }

  /** train.grokfast-lambda's default: the filter's own (2 for the EMA, 5 for the average). */
  private static final String LAMBDA_DEFAULT = OptimizerConfig.LAMBDA_DEFAULT;

  private static ModelConfig model(Reader r) {
    String family = r.choice(Keys.FAMILY, v -> v.trim().toLowerCase(java.util.Locale.ROOT));
    Map<String, Object> options = new LinkedHashMap<>();
    for (Setting s : Families.of(family).options()) {
      options.put(s.key(), r.value(s));
    }
    return new ModelConfig(family, r.integer(Keys.D_MODEL), r.integer(Keys.HEADS),
        r.integer(Keys.D_HEAD), r.integer(Keys.D_MLP), r.integer(Keys.DEPTH), r.bool(Keys.BIAS),
        options);
  }

  /**
   * A family's or a task's own setting is read only by runs of that family or task; set away from
   * its default (or on an axis) in a sweep without one, it is a mistake. Its default may stand, as
   * it does in every {@code sweep.conf} the renderer writes. So is a list of moduli in a sweep
   * whose tasks all have a size of their own.
   */
  private static void checkOwnSettingsAreRead(Reader r, Map<String, List<ConfigValue>> axes,
      List<Variant> variants, List<Integer> moduli) {
    for (FamilySpec family : Families.all()) {
      checkRead(r, axes, family.options(), Keys.FAMILY, family.name(),
          variants.stream().anyMatch(v -> v.model().family().equals(family.name())));
    }
    for (TaskSpec task : Tasks.all()) {
      checkRead(r, axes, task.options(), Keys.TASK_NAME, task.name(),
          variants.stream().anyMatch(v -> v.task().name().equals(task.name())));
    }
    // by value, as above: sweep.conf writes the moduli's default for every task
    if (variants.stream().noneMatch(v -> v.task().spec().readsModuli())
        && !moduli.equals(Keys.declaration(Keys.MODULI).orElseThrow().defaultValue())) {
      throw new ConfigException(Keys.MODULI, "is read by task.name = " + String.join(" or ",
          Tasks.all().stream().filter(TaskSpec::readsModuli).map(TaskSpec::name).toList())
          + " only; this sweep's tasks fix their own size (a group's order), so remove it,"
          + " found " + Keys.MODULI + " = " + moduli);
    }
  }

  private static void checkRead(Reader r, Map<String, List<ConfigValue>> axes,
      List<Setting> options, String selector, String owner, boolean used) {
    if (used) {
      return;
    }
    for (Setting s : options) {
      // By value, as the MLP's depth: sweep.conf writes every family's options at their
      // defaults, and a default written out is not a mistake.
      if (!java.util.Objects.equals(r.value(s), s.defaultValue()) || axes.containsKey(s.key())) {
        throw SweepConfig.unread(s.key(), selector + " = " + owner, s.key() + " = "
            + (axes.containsKey(s.key()) ? axes.get(s.key()).stream()
                .map(ConfigValue::unwrapped).toList() : r.word(s.key())));
      }
    }
  }

  private static TaskConfig task(Reader r) {
    String name = r.choice(Keys.TASK_NAME, v -> Tasks.of(v.trim().toLowerCase(
        java.util.Locale.ROOT)).name());
    Map<String, Object> options = new LinkedHashMap<>();
    for (Setting s : Tasks.of(name).options()) {
      options.put(s.key(), r.value(s));
    }
    return new TaskConfig(name, r.choice(Keys.OPERATION, v -> Operation.parse(Keys.OPERATION, v)),
        r.number(Keys.LABEL_NOISE), options);
  }

  /**
   * The extra axes under {@code sweep.axes}, each key checked to be sweepable and each value list
   * expanded (shortcuts) and non-empty, in {@link Keys#SWEEPABLE} order so that the written order
   * of the block does not matter.
   */
  private static Map<String, List<ConfigValue>> axes(Config merged) {
    Map<String, List<ConfigValue>> axes = new java.util.TreeMap<>(Comparator.comparingInt(
        (String k) -> Keys.SWEEPABLE.indexOf(k)));
    if (!merged.hasPathOrNull(Keys.AXES)) {
      return axes;
    }
    ConfigValue block = merged.getValue(Keys.AXES);
    if (block.valueType() != ConfigValueType.OBJECT) {
      throw Reader.wrongType(Keys.AXES, "an object of KEY = [values], e.g. sweep.axes {"
          + " train.learning-rate = [1e-4, 1e-3] }", block);
    }
    for (Map.Entry<String, ConfigValue> e : merged.getConfig(Keys.AXES).entrySet()) {
      String key = e.getKey();
      String written = Keys.AXES + "." + key;
      if (Keys.GRID_KEYS.contains(key)) {
        throw new ConfigException(written, key + " is an axis already: list its values as "
            + key + " = [...]");
      }
      if (!Keys.SWEEPABLE.contains(key)) {
        if (Keys.ALL.contains(key)) {
          throw new ConfigException(written, "cannot be an axis: " + key + " does not change"
              + " what a run computes (threads and checkpoint cadence change only its speed;"
              + " sweep.* and analysis.* describe the sweep); sweepable keys: "
              + String.join(", ", Keys.SWEEPABLE));
        }
        throw unknownAxis(key, where(e.getValue().origin()));
      }
      List<ConfigValue> values = axisValues(written, e.getValue());
      if (values.isEmpty()) {
        throw new ConfigException(written, "must be a list of at least one value, found []");
      }
      axes.put(key, values);
    }
    return axes;
  }

  private static List<ConfigValue> axisValues(String written, ConfigValue v) {
    List<ConfigValue> values = new ArrayList<>();
    if (v.valueType() == ConfigValueType.LIST) {
      for (ConfigValue e : (com.typesafe.config.ConfigList) v) {
        if (e.valueType() == ConfigValueType.LIST || e.valueType() == ConfigValueType.OBJECT
            || e.valueType() == ConfigValueType.NULL) {
          throw Reader.wrongType(written, "a list of values", v);
        }
        values.add(e);
      }
    } else if (v.valueType() == ConfigValueType.STRING
        && Axis.isShortcut((String) v.unwrapped())) {
      String text = (String) v.unwrapped();
      String origin = text + " (" + where(v.origin()) + ")";
      for (Object value : Axis.expand(written.substring(Keys.AXES.length() + 1), text)) {
        values.add(ConfigValueFactory.fromAnyRef(value, origin));
      }
    } else if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.NULL) {
      throw Reader.wrongType(written, "a list of values, logspace(a, b, n) or linspace(a, b, n)",
          v);
    } else {
      values.add(v);
    }
    return values;
  }

  /**
   * The product of the extra axes, the last axis varying fastest; each point's settings are read
   * by the same rules as the base ones, so a bad value fails with its key and origin.
   */
  private static List<Variant> variants(Config merged, Map<String, List<ConfigValue>> axes,
      TrainConfig train, TaskConfig task, ModelConfig model, OptimizerConfig optimizer) {
    List<Variant> variants = new ArrayList<>();
    if (axes.isEmpty()) {
      variants.add(new Variant(Map.of(), train, task, model, optimizer));
      return variants;
    }
    List<String> keys = List.copyOf(axes.keySet());
    int[] index = new int[keys.size()];
    while (true) {
      Config point = merged;
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        ConfigValue v = axes.get(keys.get(i)).get(index[i]);
        point = point.withValue(keys.get(i), v);
        values.put(keys.get(i), v.unwrapped());
      }
      Reader r = new Reader(point);
      variants.add(new Variant(values, train(r), task(r), model(r), optimizer(r)));
      int i = keys.size() - 1;
      while (i >= 0 && ++index[i] == axes.get(keys.get(i)).size()) {
        index[i--] = 0;
      }
      if (i < 0) {
        return variants;
      }
    }
  }

  /** The built-in defaults: each declared setting's own, but those that default to another. */
  private static Config defaults() {
    Map<String, Object> d = new LinkedHashMap<>();
    for (Setting s : Keys.DECLARED) {
      if (s.defaultValue() != null) {
        d.put(s.key(), s.defaultValue());
      }
    }
    return ConfigFactory.parseMap(d, DEFAULTS_ORIGIN);
  }

  /** Each {@code key=value} parsed as the HOCON line {@code key = value}; later ones win. */
  private static Config overrides(List<String> sets) {
    Config result = ConfigFactory.empty();
    for (String set : sets) {
      int eq = set.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("--set", "must be key=value, found " + set);
      }
      String key = set.substring(0, eq).trim();
      String value = set.substring(eq + 1).trim();
      boolean axis = key.startsWith(Keys.AXES + ".");
      if (!Keys.ALL.contains(key) && !axis) {
        throw unknownKey(key, "--set " + set);
      }
      if (axis && Axis.isShortcut(value)) {
        value = ConfigValueFactory.fromAnyRef(value).render(ConfigRenderOptions.concise());
      } else if ((Keys.LIST_KEYS.contains(key) || axis) && value.contains(",")
          && !value.startsWith("[")) {
        // "--set sweep.seeds=0,1,2" is friendlier than quoting brackets in a shell.
        value = "[" + value + "]";
      }
      ConfigParseOptions origin = ConfigParseOptions.defaults().setOriginDescription("--set " + set);
      Config one;
      try {
        one = ConfigFactory.parseString(key + " = " + value, origin);
      } catch (com.typesafe.config.ConfigException e) {
        // HOCON forbids + in unquoted words: --set task.operation=x2+y2 means the word itself
        Optional<String> words = quotedWords(value);
        try {
          one = ConfigFactory.parseString(key + " = " + words.orElseThrow(() -> e), origin);
        } catch (com.typesafe.config.ConfigException unused) {
          throw new ConfigException(key, "cannot parse the value of --set " + set + ": "
              + rawMessage(e));
        }
      }
      result = one.withFallback(result);
    }
    return result;
  }

  /** A plain word, or a [list] of plain words, with every word quoted; empty for anything else. */
  private static Optional<String> quotedWords(String value) {
    boolean list = value.startsWith("[") && value.endsWith("]");
    String inner = list ? value.substring(1, value.length() - 1) : value;
    if (inner.isBlank() || inner.matches(".*[\\[\\]{}\"=:#].*")) {
      return Optional.empty();
    }
    List<String> words = new ArrayList<>();
    for (String w : inner.split(",", -1)) {
      words.add(ConfigValueFactory.fromAnyRef(w.trim()).render(ConfigRenderOptions.concise()));
    }
    return Optional.of(list ? "[" + String.join(", ", words) + "]" : words.get(0));
  }

  private static void rejectUnknownKeys(Config merged) {
    for (Map.Entry<String, ConfigValue> e : merged.entrySet()) {
      String key = e.getKey();
      if (Keys.ALL.contains(key) || key.startsWith(Keys.PROVENANCE + ".")
          || key.equals(Keys.AXES) || key.startsWith(Keys.AXES + ".")) {
        continue; // the axes are checked with their values
      }
      for (String known : Keys.ALL) {
        if (key.startsWith(known + ".")) {
          // "sweep.seeds { a = 1 }" is a known key holding an object, not a new key.
          throw Reader.wrongType(known, Keys.LIST_KEYS.contains(known) ? "a list" : "a value",
              merged.getValue(known));
        }
      }
      throw unknownKey(key, where(e.getValue().origin()));
    }
  }

  private static ConfigException unknownKey(String key, String where) {
    String known = Keys.ALL.stream()
        .min(Comparator.comparingInt(k -> editDistance(key, k)))
        .filter(k -> editDistance(key, k) <= MAX_SUGGESTION_DISTANCE)
        .map(k -> "; did you mean " + k + "?")
        .orElse("; known keys: " + String.join(", ", Keys.ALL));
    return new ConfigException(key, "unknown key (" + where + ")" + known);
  }

  private static ConfigException unknownAxis(String key, String where) {
    String suggestion = Keys.SWEEPABLE.stream()
        .min(Comparator.comparingInt(k -> editDistance(key, k)))
        .filter(k -> editDistance(key, k) <= MAX_SUGGESTION_DISTANCE)
        .map(k -> "; did you mean " + k + "?")
        .orElse("; sweepable keys: " + String.join(", ", Keys.SWEEPABLE));
    return new ConfigException(Keys.AXES + "." + key, "unknown key (" + where + ")" + suggestion);
  }

  /** Levenshtein distance: insertions, deletions and substitutions each cost one. */
  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] swap = prev;
      prev = cur;
      cur = swap;
    }
    return prev[b.length()];
  }

  private static ConfigException malformed(String file, com.typesafe.config.ConfigException e) {
    ConfigOrigin origin = e.origin();
    String line = origin != null && origin.lineNumber() > 0 ? "line " + origin.lineNumber() + ": "
        : "";
    return new ConfigException(file, line + rawMessage(e));
  }

  /** Typesafe prefixes its messages with the origin, which our messages place themselves. */
  private static String rawMessage(com.typesafe.config.ConfigException e) {
    String message = e.getMessage();
    ConfigOrigin origin = e.origin();
    if (origin != null && message.startsWith(origin.description() + ": ")) {
      return message.substring(origin.description().length() + 2);
    }
    return message;
  }

  private static String where(ConfigOrigin origin) {
    String name = origin.filename() != null ? origin.filename()
        : origin.description().replaceFirst(": \\d+(-\\d+)?$", "");
    boolean parsedText = origin.filename() != null || !(name.startsWith("--set")
        || name.equals(DEFAULTS_ORIGIN));
    if (parsedText) {
      return "in " + name + (origin.lineNumber() > 0 ? " line " + origin.lineNumber() : "");
    }
    return "from " + name;
  }

  /** Typed access with messages that name the key, the expected type and the value found. */
  private static final class Reader {
    private final Config config;

    Reader(Config config) {
      this.config = config;
    }

    int integer(String key) {
      return integerOf(key, value(key));
    }

    /** An integer, or a message that gives {@code expected} (a word such as full is allowed too). */
    int integer(String key, String expected) {
      ConfigValue v = value(key);
      try {
        return decimal(key, v, expected).intValueExact();
      } catch (ArithmeticException e) {
        throw wrongType(key, expected, v);
      }
    }

    /** True when {@code key} is set, by the user or in {@link #defaults()}. */
    boolean has(String key) {
      return config.hasPathOrNull(key);
    }

    double number(String key) {
      return numberOf(key, value(key));
    }

    /** A number, or a message that gives {@code expected} (a word such as none is allowed too). */
    double number(String key, String expected) {
      return decimal(key, value(key), expected).doubleValue();
    }

    boolean bool(String key) {
      ConfigValue v = value(key);
      Object raw = v.unwrapped();
      if (raw instanceof Boolean b) {
        return b;
      }
      if ("true".equals(raw) || "false".equals(raw)) {
        return Boolean.parseBoolean((String) raw);
      }
      throw wrongType(key, "true or false", v);
    }

    String word(String key) {
      return choice(key, Function.identity());
    }

    /** The value of a declared setting, read by its type. */
    Object value(Setting s) {
      return switch (s.type()) {
        case INTEGER -> integer(s.key());
        case NUMBER -> number(s.key());
        case BOOLEAN -> bool(s.key());
        case WORD -> word(s.key());
        case LIST, OBJECT -> throw new IllegalStateException(s.key() + " is not a scalar");
      };
    }

    <T> T choice(String key, Function<String, T> parse) {
      ConfigValue v = value(key);
      if (v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT
          || v.valueType() == ConfigValueType.NULL) {
        throw wrongType(key, "a word", v);
      }
      return parse.apply(String.valueOf(v.unwrapped()));
    }

    /** A list; a single scalar counts as a list of one, so {@code --set sweep.seeds=3} works. */
    <T> List<T> list(String key, Function<ConfigValue, T> element) {
      ConfigValue v = value(key);
      List<T> out = new ArrayList<>();
      if (v.valueType() == ConfigValueType.LIST) {
        for (ConfigValue e : config.getList(key)) {
          out.add(element.apply(e));
        }
      } else if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.NULL) {
        throw wrongType(key, "a list", v);
      } else {
        out.add(element.apply(v));
      }
      return out;
    }

    int integerOf(String key, ConfigValue v) {
      long value = longOf(key, v);
      if (value != (int) value) {
        throw wrongType(key, "an integer", v);
      }
      return (int) value;
    }

    long longOf(String key, ConfigValue v) {
      BigDecimal d = decimal(key, v, "an integer");
      try {
        return d.longValueExact();
      } catch (ArithmeticException e) {
        throw wrongType(key, "an integer", v);
      }
    }

    double numberOf(String key, ConfigValue v) {
      return decimal(key, v, "a number").doubleValue();
    }

    /** Numbers, and strings that read as numbers (typesafe's own conversion rule). */
    private BigDecimal decimal(String key, ConfigValue v, String expected) {
      if (v.valueType() == ConfigValueType.NUMBER || v.valueType() == ConfigValueType.STRING) {
        try {
          return new BigDecimal(String.valueOf(v.unwrapped()).trim());
        } catch (NumberFormatException e) {
          throw wrongType(key, expected, v);
        }
      }
      throw wrongType(key, expected, v);
    }

    /** True when nothing (file, --set or axis) set {@code key}: it holds the built-in default. */
    boolean isDefault(String key) {
      return DEFAULTS_ORIGIN.equals(value(key).origin().description());
    }

    private ConfigValue value(String key) {
      if (config.getIsNull(key)) {
        throw new ConfigException(key, "must have a value, found null");
      }
      return config.getValue(key);
    }

    private static ConfigException wrongType(String key, String expected, ConfigValue v) {
      String kind = v.valueType().name().toLowerCase(java.util.Locale.ROOT);
      return new ConfigException(key, "must be " + expected + ", found "
          + v.render(ConfigRenderOptions.concise()) + " (" + kind + ", " + where(v.origin())
          + ")");
    }
  }
}
