package io.grokking.sweep.config;

import io.grokking.trainer.config.LossFunction;
import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.OptimizerConfig;
import io.grokking.trainer.config.Setting;
import io.grokking.trainer.config.Settings;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TrainConfig;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Every configuration key a sweep reads, spelled as the user writes it. Nothing here declares a
 * setting: each is declared once, with its default, allowed values and doc, by the part that owns
 * it ({@link Settings#DECLARED} for a run's settings, {@link SweepConfig}, {@link RefineConfig},
 * {@link LiveReportConfig} and {@link AnalysisConfig} for the sweep's), and the lists below are
 * read off those declarations. The short names are aliases for the code that reads the keys.
 */
final class Keys {
  private Keys() {}

  static final String MODULI = Settings.MODULI;
  static final String WEIGHT_DECAYS = Settings.WEIGHT_DECAYS;
  static final String TRAIN_FRACTIONS = Settings.TRAIN_FRACTIONS;
  static final String SEEDS = Settings.SEEDS;
  static final String ALLOW_LARGE_GRID = SweepConfig.ALLOW_LARGE_GRID.key();
  static final String REFINE_ROUNDS = RefineConfig.ROUNDS.key();
  static final String REFINE_MAX_RUNS = RefineConfig.MAX_RUNS.key();
  static final String REFINE_TRIGGER = RefineConfig.TRIGGER.key();
  static final String REPORT_EVERY = LiveReportConfig.EVERY.key();
  static final String REPORT_MIN_INTERVAL = LiveReportConfig.MIN_INTERVAL.key();
  /** An object whose keys are settings and whose values are the lists the grid takes. */
  static final String AXES = "sweep.axes";

  static final String WIDTH = TrainConfig.WIDTH.key();
  static final String LEARNING_RATE = TrainConfig.LEARNING_RATE.key();
  static final String STEPS = TrainConfig.STEPS.key();
  static final String ACTIVATION = TrainConfig.ACTIVATION.key();
  static final String ENCODING = TrainConfig.ENCODING.key();
  static final String EVAL_EVERY = TrainConfig.EVAL_EVERY.key();
  static final String WARMUP_STEPS = TrainConfig.WARMUP_STEPS.key();
  static final String BETA1 = TrainConfig.BETA1.key();
  static final String BETA2 = TrainConfig.BETA2.key();
  static final String EPSILON = TrainConfig.EPSILON.key();
  static final String INIT_SCALE = TrainConfig.INIT_SCALE.key();
  static final String INIT_STD = TrainConfig.INIT_STD.key();
  static final String DTYPE = TrainConfig.DTYPE.key();
  static final String STOP_AFTER_GROK = TrainConfig.STOP_AFTER_GROK.key();
  static final String STOP_THRESHOLD = TrainConfig.STOP_THRESHOLD.key();
  static final String STOP_WINDOW = TrainConfig.STOP_WINDOW.key();
  static final String STOP_WHEN = TrainConfig.STOP_WHEN.key();
  /** No default of its own: {@link #PHASE_THRESHOLD} unless set. */
  static final String SETTLE_THRESHOLD = TrainConfig.SETTLE_THRESHOLD.key();
  /** No default of its own: {@link #STOP_WINDOW} unless set. */
  static final String SETTLE_WINDOW = TrainConfig.SETTLE_WINDOW.key();
  static final String BATCH_SIZE = TrainConfig.BATCH_SIZE.key();
  static final String THREADS = TrainConfig.THREADS.key();
  static final String CHECKPOINT_EVERY = TrainConfig.CHECKPOINT_EVERY.key();
  static final String LOSS = LossFunction.SETTING.key();

  static final String OPTIMIZER = OptimizerConfig.OPTIMIZER.key();
  static final String MOMENTUM = OptimizerConfig.MOMENTUM.key();
  static final String DECAY_TOWARD = OptimizerConfig.DECAY_TOWARD.key();
  static final String GRAD_FILTER = OptimizerConfig.FILTER.key();
  static final String GROKFAST_ALPHA = OptimizerConfig.ALPHA.key();
  static final String GROKFAST_LAMBDA = OptimizerConfig.LAMBDA.key();
  static final String GROKFAST_WINDOW = OptimizerConfig.WINDOW.key();

  static final String FAMILY = ModelConfig.FAMILY.key();
  static final String D_MODEL = ModelConfig.D_MODEL.key();
  static final String HEADS = ModelConfig.HEADS.key();
  static final String D_HEAD = ModelConfig.D_HEAD.key();
  static final String D_MLP = ModelConfig.D_MLP.key();
  static final String DEPTH = ModelConfig.DEPTH.key();
  static final String BIAS = ModelConfig.BIAS.key();

  static final String TASK_NAME = TaskConfig.NAME.key();
  static final String OPERATION = TaskConfig.OPERATION.key();
  static final String LABEL_NOISE = TaskConfig.LABEL_NOISE.key();

  static final String PHASE_THRESHOLD = AnalysisConfig.PHASE_THRESHOLD.key();
  static final String PHASE_GAP = AnalysisConfig.PHASE_GAP.key();
  static final String PHASE_RULE = AnalysisConfig.PHASE_RULE.key();
  static final String PHASE_RATIO = AnalysisConfig.PHASE_RATIO.key();
  static final String X = AnalysisConfig.X.key();
  static final String Y = AnalysisConfig.Y.key();
  static final String LOSS_MILESTONES = AnalysisConfig.LOSS_MILESTONES.key();

  /** Informational section written into {@code DIR/sweep.conf}; ignored when loaded again. */
  static final String PROVENANCE = "provenance";
  static final String GRID_HASH = "provenance.grid-hash";

  /**
   * Every declared setting, in the order of the keys table: the grid's lists and the sweep's own
   * settings, then every setting of a run (training, loss, optimizer, model, task), then the
   * analysis's.
   */
  static final List<Setting> DECLARED = Stream.of(Settings.GRID,
      List.of(SweepConfig.ALLOW_LARGE_GRID), RefineConfig.SETTINGS, LiveReportConfig.SETTINGS,
      List.of(SweepConfig.AXES),
      Settings.DECLARED.stream().filter(s -> s.role() != Setting.Role.GRID).toList(),
      AnalysisConfig.SETTINGS).flatMap(List::stream).toList();

  /** The grid's four original axes, each a list key of its own. */
  static final List<String> GRID_KEYS = keys(s -> s.role() == Setting.Role.GRID);

  static final List<String> LIST_KEYS = keys(s -> s.type() == Setting.Type.LIST);

  /**
   * The keys that can be axes under {@link #AXES}: every setting that changes what a run
   * computes. Threads and checkpoint cadence change only how fast it gets there, and the
   * {@code sweep.*} and {@code analysis.*} keys describe the sweep, not a run.
   */
  static final List<String> SWEEPABLE = keys(Setting::axis);

  /**
   * The settings a refinement can subdivide: real numbers, between any two of which a midpoint
   * is a valid value. Integers (width, steps, the modulus) and words are not.
   */
  static final List<String> REFINABLE = keys(Setting::refinable);

  /** Every key a configuration may set directly ({@link #AXES} holds keys of its own). */
  static final List<String> ALL = keys(s -> s.type() != Setting.Type.OBJECT);

  /** The declaration of {@code key}, if it is one. */
  static Optional<Setting> declaration(String key) {
    return DECLARED.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  private static List<String> keys(Predicate<Setting> which) {
    return DECLARED.stream().filter(which).map(Setting::key).toList();
  }
}
