package io.grokking.sweep.config;

import io.grokking.analysis.refine.Refinement;
import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.config.Setting;
import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.Families;
import io.grokking.trainer.config.FamilySpec;
import io.grokking.trainer.config.OptimizerConfig;
import io.grokking.trainer.config.StopWhen;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TrainConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A whole sweep: the grid (moduli × weight decays × train fractions × the extra axes × seeds), the
 * training and task settings every run shares unless an axis varies them, and the analysis
 * settings. Every rule is checked here, so an instance is valid.
 *
 * @param moduli primes or other integers p >= 3 of the task (sweep.moduli)
 * @param weightDecays AdamW weight decays >= 0 (sweep.weight-decays)
 * @param trainFractions share of the pairs used for training, in (0, 1]; 1 trains on every pair and leaves no test set (sweep.train-fractions)
 * @param seeds seeds of the split and the init (sweep.seeds)
 * @param axes the extra axes (sweep.axes), in {@link io.grokking.trainer.config.Settings} order
 * @param variants the product of the extra axes, each with the settings it makes; one variant,
 *     the base settings, when there are no extra axes
 * @param allowLargeGrid lifts the {@code maxRuns} limit (sweep.allow-large-grid)
 * @param maxRuns the largest grid accepted without {@code allowLargeGrid}; it guards against a
 *     typo that asks for days of compute ({@link #DEFAULT_MAX_RUNS})
 * @param train the base training settings (threads and checkpoint cadence apply to every run)
 * @param task the base task settings
 * @param model the base model settings
 * @param optimizer the base optimizer and gradient-filter settings
 * @param refine whether and how the grid refines itself on the diagram's axes (sweep.refine)
 * @param liveReport when the report is refreshed from the runs committed so far while the
 *     sweep trains (sweep.report-every, sweep.report-min-interval)
 */
public record SweepConfig(List<Integer> moduli, List<Double> weightDecays,
    List<Double> trainFractions, List<Long> seeds, List<Axis> axes, List<Variant> variants,
    boolean allowLargeGrid, int maxRuns, TrainConfig train, TaskConfig task, ModelConfig model,
    OptimizerConfig optimizer, AnalysisConfig analysis, RefineConfig refine,
    LiveReportConfig liveReport) {

  /** Grids larger than this need {@code sweep.allow-large-grid = true}. */
  public static final int DEFAULT_MAX_RUNS = 2000;
  /** Power et al. (2022) grok p = 97 with weight decay 1 and 30 % of the pairs for training. */
  public static final Setting ALLOW_LARGE_GRID = Setting.key("sweep.allow-large-grid")
      .bool(false).allowed("true or false")
      .doc("grids over " + DEFAULT_MAX_RUNS + " runs are refused without it").sweep().build();
  public static final Setting AXES = Setting.key("sweep.axes")
      .derived(Setting.Type.OBJECT, "none").allowed("an object of KEY = [values]")
      .doc("extra grid axes over any setting that changes what a run computes").sweep().build();

  /** A sweep with the default live report. */
  public SweepConfig(List<Integer> moduli, List<Double> weightDecays,
      List<Double> trainFractions, List<Long> seeds, List<Axis> axes, List<Variant> variants,
      boolean allowLargeGrid, int maxRuns, TrainConfig train, TaskConfig task, ModelConfig model,
      OptimizerConfig optimizer, AnalysisConfig analysis, RefineConfig refine) {
    this(moduli, weightDecays, trainFractions, seeds, axes, variants, allowLargeGrid, maxRuns,
        train, task, model, optimizer, analysis, refine, LiveReportConfig.defaults());
  }

  /** A plain grid, not refined. */
  public SweepConfig(List<Integer> moduli, List<Double> weightDecays,
      List<Double> trainFractions, List<Long> seeds, List<Axis> axes, List<Variant> variants,
      boolean allowLargeGrid, int maxRuns, TrainConfig train, TaskConfig task, ModelConfig model,
      OptimizerConfig optimizer, AnalysisConfig analysis) {
    this(moduli, weightDecays, trainFractions, seeds, axes, variants, allowLargeGrid, maxRuns,
        train, task, model, optimizer, analysis, RefineConfig.none());
  }

  /** A sweep of the four original axes alone, on the default task. */
  public SweepConfig(List<Integer> moduli, List<Double> weightDecays, List<Double> trainFractions,
      List<Long> seeds, boolean allowLargeGrid, int maxRuns, TrainConfig train,
      AnalysisConfig analysis) {
    this(moduli, weightDecays, trainFractions, seeds, List.of(),
        List.of(new Variant(Map.of(), train, TaskConfig.defaults(), ModelConfig.defaults(),
            OptimizerConfig.defaults())),
        allowLargeGrid, maxRuns, train, TaskConfig.defaults(), ModelConfig.defaults(),
        OptimizerConfig.defaults(), analysis);
  }

  public SweepConfig {
    moduli = nonEmpty(Keys.MODULI, moduli);
    weightDecays = nonEmpty(Keys.WEIGHT_DECAYS, weightDecays);
    trainFractions = nonEmpty(Keys.TRAIN_FRACTIONS, trainFractions);
    seeds = nonEmpty(Keys.SEEDS, seeds);
    axes = List.copyOf(axes);
    variants = nonEmpty(Keys.AXES, variants);
    each(Keys.MODULI, moduli, p -> p >= 3, "an integer >= 3");
    each(Keys.WEIGHT_DECAYS, weightDecays, wd -> wd >= 0 && Double.isFinite(wd),
        "a finite number >= 0");
    each(Keys.TRAIN_FRACTIONS, trainFractions, f -> f > 0 && f <= 1, "in (0, 1]");
    ConfigException.check(maxRuns > 0, "max-runs", "an integer > 0", maxRuns);
    ConfigException.check(train != null, "train", "present", "nothing");
    ConfigException.check(task != null, "task", "present", "nothing");
    ConfigException.check(model != null, "model", "present", "nothing");
    ConfigException.check(optimizer != null, "optimizer", "present", "nothing");
    ConfigException.check(analysis != null, "analysis", "present", "nothing");
    checkSize(moduli.size(), weightDecays.size(), trainFractions.size(), seeds.size(), axes,
        allowLargeGrid, maxRuns);
    for (Variant v : variants) {
      for (int p : v.task().spec().sizes(v.task(), moduli)) {
        v.model().spec().checkFits(v.task(), p, v.train());
        for (double f : trainFractions) {
          v.train().checkBatchFits(RunSpec.trainSize(p, f, v.task()),
              RunSpec.describe(p, f, v.task()));
        }
      }
    }
    checkOptimizerSettingsAreRead(variants);
    checkFamilySettingsAreRead(variants);
    for (Variant v : variants) {
      checkSettleThreshold(v.train(), analysis);
    }
    List<String> axisKeys = axisKeys(axes);
    checkDiagramAxis(Keys.X, analysis.x(), axisKeys);
    checkDiagramAxis(Keys.Y, analysis.y(), axisKeys);
    if (analysis.x().equals(analysis.y())) {
      throw new ConfigException(Keys.Y, "must differ from " + Keys.X + ", found " + analysis.y()
          + " for both");
    }
    ConfigException.check(refine != null, "sweep.refine", "present", "nothing");
    ConfigException.check(liveReport != null, "sweep.report-every", "present", "nothing");
    if (refine.enabled()) {
      checkRefinable(refine, analysis.x(), Keys.X,
          axisValues(analysis.x(), moduli, weightDecays, trainFractions, seeds, axes));
      checkRefinable(refine, analysis.y(), Keys.Y,
          axisValues(analysis.y(), moduli, weightDecays, trainFractions, seeds, axes));
    }
  }

  /**
   * Refinement takes midpoints along a diagram axis: it must hold real numbers, at least two of
   * them to have a midpoint between.
   */
  private static void checkRefinable(RefineConfig refine, String key, String diagramKey,
      List<Object> values) {
    String because = "refinement (" + Keys.REFINE_ROUNDS + " = " + refine.rounds()
        + ") subdivides the diagram's axes";
    if (!Keys.REFINABLE.contains(key)) {
      throw new ConfigException(diagramKey, because + " and takes midpoints, so each must be a"
          + " real-valued setting (one of " + String.join(", ", Keys.REFINABLE) + "), found "
          + key);
    }
    if (!values.stream().allMatch(v -> v instanceof Number)) {
      throw new ConfigException(key, because + " and takes midpoints, so every value of "
          + diagramKey + " = " + key + " must be a number, found " + values);
    }
    if (new TreeSet<>(values.stream().map(v -> ((Number) v).doubleValue()).toList()).size() < 2) {
      throw new ConfigException(key, because + ", so " + diagramKey + " = " + key + " needs at"
          + " least two distinct values, found " + values);
    }
  }

  /** The values the grid gives the axis {@code key} (an original axis or one of sweep.axes). */
  public List<Object> axisValues(String key) {
    return axisValues(key, moduli, weightDecays, trainFractions, seeds, axes);
  }

  private static List<Object> axisValues(String key, List<Integer> moduli,
      List<Double> weightDecays, List<Double> trainFractions, List<Long> seeds, List<Axis> axes) {
    return switch (key) {
      case Keys.MODULI -> List.copyOf(moduli);
      case Keys.WEIGHT_DECAYS -> List.copyOf(weightDecays);
      case Keys.TRAIN_FRACTIONS -> List.copyOf(trainFractions);
      case Keys.SEEDS -> List.copyOf(seeds);
      default -> axes.stream().filter(a -> a.key().equals(key)).findFirst()
          .map(Axis::values).orElse(List.of());
    };
  }

  /** The keys of the sweep's axes but the seeds: the original ones, then sweep.axes. */
  public List<String> axisKeys() {
    return axisKeys(axes);
  }

  /**
   * How this sweep refines its grid — the coarse values of the two diagram axes and the rounds —
   * or null for a plain grid. Both axes hold numbers whenever refinement is on: the constructor
   * checks it.
   */
  public Refinement refinement() {
    if (!refine.enabled()) {
      return null;
    }
    return new Refinement(numbers(axisValues(analysis.x())), numbers(axisValues(analysis.y())),
        refine.rounds());
  }

  private static List<Double> numbers(List<Object> values) {
    return values.stream().map(v -> ((Number) v).doubleValue()).toList();
  }

  /**
   * Refuses a grid over the limit, before its variants are built: the message gives every
   * factor, so a typo that multiplied the grid is easy to find.
   */
  static void checkSize(int moduli, int weightDecays, int fractions, int seeds, List<Axis> axes,
      boolean allowLargeGrid, int maxRuns) {
    long size = (long) moduli * weightDecays * fractions * seeds;
    StringBuilder factors = new StringBuilder(moduli + " moduli × " + weightDecays
        + " weight decays × " + fractions + " train fractions");
    for (Axis axis : axes) {
      size *= axis.values().size();
      factors.append(" × ").append(axis.values().size()).append(' ').append(axis.key());
    }
    if (size > maxRuns && !allowLargeGrid) {
      throw new ConfigException("sweep", "the grid must have at most " + maxRuns + " runs unless "
          + Keys.ALLOW_LARGE_GRID + " = true, found " + factors + " × " + seeds + " seeds = "
          + size);
    }
  }

  /**
   * A run that stops once its phase is settled must not stop before test accuracy reaches the
   * phase threshold: until then its phase can still change.
   */
  private static void checkSettleThreshold(TrainConfig t, AnalysisConfig analysis) {
    if (t.stopWhen() == StopWhen.PHASE_SETTLED
        && t.settleThreshold() < analysis.phaseThreshold()) {
      throw new ConfigException(Keys.SETTLE_THRESHOLD, "must be at least "
          + Keys.PHASE_THRESHOLD + " = " + analysis.phaseThreshold() + " with " + Keys.STOP_WHEN
          + " = phase-settled, or a run could stop before its phase is settled, found "
          + t.settleThreshold());
    }
  }

  /**
   * A setting that only one optimizer or filter reads is a mistake when no run of the sweep uses
   * it: a momentum without {@code sgd}, a Grokfast parameter without its filter.
   */
  private static void checkOptimizerSettingsAreRead(List<Variant> variants) {
    OptimizerConfig d = OptimizerConfig.defaults();
    unread(variants, Keys.MOMENTUM, o -> o.momentum() != d.momentum(),
        o -> o.optimizer() == OptimizerConfig.Kind.SGD, "train.optimizer = sgd",
        o -> o.momentum());
    unread(variants, Keys.GROKFAST_ALPHA, o -> o.grokfastAlpha() != d.grokfastAlpha(),
        o -> o.gradFilter() == OptimizerConfig.Filter.GROKFAST_EMA,
        "train.grad-filter = grokfast-ema", o -> o.grokfastAlpha());
    unread(variants, Keys.GROKFAST_WINDOW, o -> o.grokfastWindow() != d.grokfastWindow(),
        o -> o.gradFilter() == OptimizerConfig.Filter.GROKFAST_MA,
        "train.grad-filter = grokfast-ma", o -> o.grokfastWindow());
    unread(variants, Keys.GROKFAST_LAMBDA, o -> !Double.isNaN(o.grokfastLambda()),
        o -> o.gradFilter() == OptimizerConfig.Filter.GROKFAST_EMA
            || o.gradFilter() == OptimizerConfig.Filter.GROKFAST_MA,
        "train.grad-filter = grokfast-ema or grokfast-ma", o -> o.grokfastLambda());
  }

  private static void unread(List<Variant> variants, String key,
      Predicate<OptimizerConfig> set, Predicate<OptimizerConfig> reads, String reader,
      java.util.function.Function<OptimizerConfig, Object> value) {
    boolean anySet = variants.stream().map(Variant::optimizer).anyMatch(set);
    boolean anyReads = variants.stream().map(Variant::optimizer).anyMatch(reads);
    if (anySet && !anyReads) {
      Object found = variants.stream().map(Variant::optimizer).filter(set).findFirst()
          .map(value).orElseThrow();
      throw unread(key, reader, key + " = " + found);
    }
  }

  /**
   * The one message for a setting set in a sweep where no run reads it: {@code key} is read only
   * by runs with {@code reader} (e.g. {@code model.family = mlp}); {@code found} is what was set,
   * as {@code key = value}.
   */
  static ConfigException unread(String key, String reader, String found) {
    return new ConfigException(key, "is read only by runs with " + reader + ", and no run of"
        + " this sweep has it; remove it or set that, found " + found);
  }

  /**
   * A setting that only one family reads (the MLP's depth, biases and init-std), set in a sweep
   * with no run of that family, is a mistake.
   */
  private static void checkFamilySettingsAreRead(List<Variant> variants) {
    for (FamilySpec family : Families.all()) {
      if (variants.stream().anyMatch(v -> v.model().family().equals(family.name()))) {
        continue;
      }
      for (Variant v : variants) {
        Optional<String> set = family.unreadSetting(v.train(), v.model());
        if (set.isPresent()) {
          String key = set.get().substring(0, set.get().indexOf(' '));
          throw unread(key, Keys.FAMILY + " = " + family.name(), set.get());
        }
      }
    }
  }

  /** The keys a diagram axis may name: the original axes but seeds, then the extra axes. */
  static List<String> axisKeys(List<Axis> axes) {
    List<String> keys = new ArrayList<>(List.of(Keys.MODULI, Keys.WEIGHT_DECAYS,
        Keys.TRAIN_FRACTIONS));
    axes.forEach(a -> keys.add(a.key()));
    return keys;
  }

  private static void checkDiagramAxis(String key, String value, List<String> axisKeys) {
    if (!axisKeys.contains(value)) {
      throw new ConfigException(key, "must name an axis of this sweep, one of "
          + String.join(", ", axisKeys) + " (a setting becomes an axis under " + Keys.AXES
          + "), found " + value);
    }
  }

  /** Grid cells times seeds, before runs with equal ids are merged. */
  public long gridSize() {
    // each variant at each of its task's sizes: the moduli, or the one size a group fixes
    return (long) weightDecays.size() * trainFractions.size() * seeds.size()
        * variants.stream().mapToLong(v -> v.task().spec().sizes(v.task(), moduli).size()).sum();
  }

  /**
   * A stable hash of what the grid computes: the sets of grid values and of the variants' settings
   * that enter run ids. List order, duplicates, threads and checkpoint cadence do not change it,
   * so a sweep directory can be resumed exactly when this hash matches the one in its sweep.conf.
   * A sweep of the four original axes on the default task hashes exactly as before the extra axes
   * existed, so its directories keep resuming.
   */
  public String gridHash() {
    TreeSet<String> settings = new TreeSet<>();
    variants.forEach(v -> settings.add(v.canonical()));
    String canonical = "moduli=" + new TreeSet<>(moduli) + ";wd=" + new TreeSet<>(weightDecays)
        + ";frac=" + new TreeSet<>(trainFractions) + ";seeds=" + new TreeSet<>(seeds) + ";"
        + String.join("|", settings);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static <T> List<T> nonEmpty(String key, List<T> values) {
    ConfigException.check(values != null && !values.isEmpty(), key, "a list of at least one value",
        values == null ? "nothing" : values);
    ConfigException.check(!values.contains(null), key, "a list without nulls", values);
    return List.copyOf(values);
  }

  private static <T> void each(String key, List<T> values, Predicate<T> ok, String rule) {
    for (T value : values) {
      if (!ok.test(value)) {
        throw new ConfigException(key, "each value must be " + rule + ", found " + value);
      }
    }
  }
}
