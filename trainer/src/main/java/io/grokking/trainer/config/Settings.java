package io.grokking.trainer.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings that change what a run computes, each with the key a user writes, the token it
 * carries in a run's canonical configuration ({@link RunSpec#canonical()}) and the column it gets
 * in the output tables. This is what lets the analysis read any setting of any run back from the
 * {@code config} column alone, including runs committed before the setting existed (they carry
 * its default).
 */
public final class Settings {
  private Settings() {}

  public static final String MODULI = "sweep.moduli";
  public static final String WEIGHT_DECAYS = "sweep.weight-decays";
  public static final String TRAIN_FRACTIONS = "sweep.train-fractions";
  public static final String SEEDS = "sweep.seeds";

  /** The grid's own four lists, each a coordinate of every run. */
  public static final List<Setting> GRID = List.of(
      Setting.key(MODULI).list(List.of(97)).allowed("integers >= 3").doc("moduli p")
          .grid("p", "modulus").build(),
      Setting.key(WEIGHT_DECAYS).list(List.of(1.0)).allowed("numbers >= 0")
          .doc("weight decay λ (AdamW's decoupled decay; Adam's and SGD's L2 term)")
          .grid("wd", "weight_decay").refinable().build(),
      Setting.key(TRAIN_FRACTIONS).list(List.of(0.3)).allowed("numbers in (0, 1]")
          .doc("share of the p² pairs used for training; 1 trains on every pair and leaves no"
              + " test set").grid("frac", "train_fraction").refinable().build(),
      Setting.key(SEEDS).list(List.of(0L)).allowed("integers")
          .doc("each seed draws the split and the initial weights, nothing else")
          .grid("seed", "seed").build());

  /**
   * Every setting of a run, declared by the part that owns it: the grid's lists, the training
   * loop's, the loss's, the optimizer's, the model's and the task's, in the order of a run's
   * canonical configuration.
   */
  public static final List<Setting> DECLARED = java.util.stream.Stream.of(GRID,
      TrainConfig.SETTINGS, List.of(LossFunction.SETTING), OptimizerConfig.SETTINGS,
      ModelConfig.SETTINGS, familyOptions(), TaskConfig.SETTINGS, taskOptions())
      .flatMap(List::stream).toList();

  /** The settings each registered family declares itself ({@link FamilySpec#options()}). */
  private static List<Setting> familyOptions() {
    return Families.all().stream().flatMap(f -> f.options().stream()).toList();
  }

  /** The settings each registered task declares itself ({@link TaskSpec#options()}). */
  private static List<Setting> taskOptions() {
    return Tasks.all().stream().flatMap(t -> t.options().stream()).toList();
  }

  /** The settings that change what a run computes, in canonical order. */
  public static final List<Setting> ALL = DECLARED.stream().filter(s -> s.token() != null)
      .toList();

  public static Optional<Setting> byKey(String key) {
    return ALL.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  /**
   * Every setting's value in a run's canonical configuration, by key, in {@link #ALL} order;
   * settings the string leaves out take their {@link Setting#absent()} value, and tokens this
   * version does not know are ignored.
   */
  public static Map<String, String> parse(String canonical) {
    Map<String, String> byToken = new LinkedHashMap<>();
    for (String pair : canonical.split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        byToken.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Setting s : ALL) {
      String v = byToken.getOrDefault(s.token(), s.absent());
      if (v != null) {
        // the task's word in the run id (modular-addition) is an alias of its name (modular)
        values.put(s.key(), s == TaskConfig.NAME ? Tasks.nameOf(v) : v);
      }
    }
    return values;
  }
}
