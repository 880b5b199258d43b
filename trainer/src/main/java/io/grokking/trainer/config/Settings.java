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

  /**
   * One setting.
   *
   * @param key as written in a configuration, e.g. {@code train.learning-rate}
   * @param token its name inside the canonical configuration, e.g. {@code lr}
   * @param column its column in {@code results}, {@code runs} and {@code runs.csv}
   * @param absent its value in a canonical configuration that leaves it out (a default the run id
   *     omits so that older ids stay stable), or null when a run without it does not have the
   *     setting at all (the transformer has no width, the MLP no d_model)
   */
  public record Setting(String key, String token, String column, String absent) {}

  public static final String MODULI = "sweep.moduli";
  public static final String WEIGHT_DECAYS = "sweep.weight-decays";
  public static final String TRAIN_FRACTIONS = "sweep.train-fractions";
  public static final String SEEDS = "sweep.seeds";

  /** In canonical order. */
  public static final List<Setting> ALL = List.of(
      new Setting(MODULI, "p", "modulus", null),
      new Setting(WEIGHT_DECAYS, "wd", "weight_decay", null),
      new Setting(TRAIN_FRACTIONS, "frac", "train_fraction", null),
      new Setting(SEEDS, "seed", "seed", null),
      new Setting("train.width", "width", "width", null),
      new Setting("train.learning-rate", "lr", "learning_rate", null),
      new Setting("train.steps", "steps", "steps_budget", null),
      new Setting("train.activation", "act", "activation", null),
      new Setting("train.encoding", "enc", "encoding", null),
      new Setting("train.eval-every", "eval", "eval_every", null),
      new Setting("train.warmup-steps", "warmup", "warmup_steps", null),
      new Setting("train.beta1", "b1", "beta1", null),
      new Setting("train.beta2", "b2", "beta2", null),
      new Setting("train.epsilon", "eps", "epsilon", null),
      new Setting("train.init-scale", "init", "init_scale", null),
      new Setting(TrainConfig.INIT_STD_KEY, "initstd", "init_std", null),
      new Setting("train.dtype", "dtype", "dtype", null),
      new Setting("train.stop-after-grok", "stop", "stop_after_grok", null),
      new Setting("train.stop-threshold", "stopth", "stop_threshold", null),
      new Setting("train.stop-window", "stopwin", "stop_window", null),
      new Setting(TrainConfig.STOP_WHEN_KEY, "stopwhen", "stop_when",
          TrainConfig.DEFAULT_STOP_WHEN.key()),
      new Setting(TrainConfig.SETTLE_THRESHOLD_KEY, "settleth", "settle_threshold", null),
      new Setting(TrainConfig.SETTLE_WINDOW_KEY, "settlewin", "settle_window", null),
      new Setting(LossFunction.KEY, "loss", "loss", LossFunction.DEFAULT.key()),
      new Setting(OptimizerConfig.OPTIMIZER_KEY, "opt", "optimizer",
          OptimizerConfig.Kind.ADAMW.key()),
      new Setting(OptimizerConfig.MOMENTUM_KEY, "mom", "momentum",
          String.valueOf(OptimizerConfig.DEFAULT_MOMENTUM)),
      new Setting(OptimizerConfig.DECAY_TOWARD_KEY, "wdto", "weight_decay_toward",
          OptimizerConfig.DecayToward.ZERO.key()),
      new Setting(OptimizerConfig.FILTER_KEY, "filter", "grad_filter",
          OptimizerConfig.Filter.NONE.key()),
      new Setting(OptimizerConfig.ALPHA_KEY, "galpha", "grokfast_alpha", null),
      new Setting(OptimizerConfig.LAMBDA_KEY, "glambda", "grokfast_lambda", null),
      new Setting(OptimizerConfig.WINDOW_KEY, "gwindow", "grokfast_window", null),
      new Setting(ModelConfig.FAMILY_KEY, "family", "family",
          ModelConfig.DEFAULT_FAMILY.key()),
      new Setting(ModelConfig.D_MODEL_KEY, "d", "d_model", null),
      new Setting(ModelConfig.HEADS_KEY, "heads", "heads", null),
      new Setting(ModelConfig.D_HEAD_KEY, "dhead", "d_head", null),
      new Setting(ModelConfig.D_MLP_KEY, "dmlp", "d_mlp", null),
      new Setting(ModelConfig.LAYERS_KEY, "layers", "layers",
          String.valueOf(ModelConfig.DEFAULT_LAYERS)),
      new Setting(ModelConfig.DEPTH_KEY, "depth", "depth",
          String.valueOf(ModelConfig.DEFAULT_DEPTH)),
      new Setting(ModelConfig.BIAS_KEY, "bias", "bias", String.valueOf(ModelConfig.DEFAULT_BIAS)),
      new Setting(TaskConfig.OPERATION_KEY, "op", "operation",
          TaskConfig.DEFAULT_OPERATION.key()),
      new Setting(TaskConfig.LABEL_NOISE_KEY, "noise", "label_noise",
          String.valueOf(TaskConfig.DEFAULT_LABEL_NOISE)));

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
        values.put(s.key(), v);
      }
    }
    return values;
  }
}
