package io.grokking.sweep.config;

import io.grokking.trainer.config.LossFunction;
import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.OptimizerConfig;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TrainConfig;
import java.util.List;

/** Every configuration key, spelled as the user writes it; the one list of what is allowed. */
final class Keys {
  private Keys() {}

  static final String MODULI = "sweep.moduli";
  static final String WEIGHT_DECAYS = "sweep.weight-decays";
  static final String TRAIN_FRACTIONS = "sweep.train-fractions";
  static final String SEEDS = "sweep.seeds";
  static final String ALLOW_LARGE_GRID = "sweep.allow-large-grid";
  static final String REFINE_ROUNDS = "sweep.refine.rounds";
  static final String REFINE_MAX_RUNS = "sweep.refine.max-runs";
  static final String REFINE_TRIGGER = "sweep.refine.trigger";
  /** An object whose keys are settings and whose values are the lists the grid takes. */
  static final String AXES = "sweep.axes";

  static final String WIDTH = "train.width";
  static final String LEARNING_RATE = "train.learning-rate";
  static final String STEPS = "train.steps";
  static final String ACTIVATION = "train.activation";
  static final String ENCODING = "train.encoding";
  static final String EVAL_EVERY = "train.eval-every";
  static final String WARMUP_STEPS = "train.warmup-steps";
  static final String BETA1 = "train.beta1";
  static final String BETA2 = "train.beta2";
  static final String EPSILON = "train.epsilon";
  static final String INIT_SCALE = "train.init-scale";
  static final String INIT_STD = TrainConfig.INIT_STD_KEY;
  static final String DTYPE = "train.dtype";
  static final String STOP_AFTER_GROK = "train.stop-after-grok";
  static final String STOP_THRESHOLD = "train.stop-threshold";
  static final String STOP_WINDOW = "train.stop-window";
  static final String STOP_WHEN = TrainConfig.STOP_WHEN_KEY;
  /** No default of its own: {@link #PHASE_THRESHOLD} unless set. */
  static final String SETTLE_THRESHOLD = TrainConfig.SETTLE_THRESHOLD_KEY;
  /** No default of its own: {@link #STOP_WINDOW} unless set. */
  static final String SETTLE_WINDOW = TrainConfig.SETTLE_WINDOW_KEY;
  static final String THREADS = "train.threads";
  static final String CHECKPOINT_EVERY = "train.checkpoint-every";
  static final String LOSS = LossFunction.KEY;

  static final String OPTIMIZER = OptimizerConfig.OPTIMIZER_KEY;
  static final String MOMENTUM = OptimizerConfig.MOMENTUM_KEY;
  static final String DECAY_TOWARD = OptimizerConfig.DECAY_TOWARD_KEY;
  static final String GRAD_FILTER = OptimizerConfig.FILTER_KEY;
  static final String GROKFAST_ALPHA = OptimizerConfig.ALPHA_KEY;
  static final String GROKFAST_LAMBDA = OptimizerConfig.LAMBDA_KEY;
  static final String GROKFAST_WINDOW = OptimizerConfig.WINDOW_KEY;

  static final String FAMILY = ModelConfig.FAMILY_KEY;
  static final String D_MODEL = ModelConfig.D_MODEL_KEY;
  static final String HEADS = ModelConfig.HEADS_KEY;
  static final String D_HEAD = ModelConfig.D_HEAD_KEY;
  static final String D_MLP = ModelConfig.D_MLP_KEY;
  static final String DEPTH = ModelConfig.DEPTH_KEY;
  static final String BIAS = ModelConfig.BIAS_KEY;
  static final String LAYERS = ModelConfig.LAYERS_KEY;

  static final String OPERATION = TaskConfig.OPERATION_KEY;
  static final String LABEL_NOISE = TaskConfig.LABEL_NOISE_KEY;

  static final String PHASE_THRESHOLD = "analysis.phase-threshold";
  static final String PHASE_GAP = "analysis.phase-gap";
  static final String PHASE_RULE = "analysis.phase-rule";
  static final String PHASE_RATIO = "analysis.phase-ratio";
  static final String X = "analysis.x";
  static final String Y = "analysis.y";
  static final String LOSS_MILESTONES = "analysis.loss-milestones";

  /** Informational section written into {@code DIR/sweep.conf}; ignored when loaded again. */
  static final String PROVENANCE = "provenance";
  static final String GRID_HASH = "provenance.grid-hash";

  /** The grid's four original axes, each a list key of its own. */
  static final List<String> GRID_KEYS = List.of(MODULI, WEIGHT_DECAYS, TRAIN_FRACTIONS, SEEDS);

  static final List<String> LIST_KEYS = List.of(MODULI, WEIGHT_DECAYS, TRAIN_FRACTIONS, SEEDS,
      LOSS_MILESTONES);

  /**
   * The keys that can be axes under {@link #AXES}: every setting that changes what a run
   * computes. Threads and checkpoint cadence change only how fast it gets there, and the
   * {@code sweep.*} and {@code analysis.*} keys describe the sweep, not a run.
   */
  static final List<String> SWEEPABLE = List.of(WIDTH, LEARNING_RATE, STEPS, ACTIVATION,
      ENCODING, EVAL_EVERY, WARMUP_STEPS, BETA1, BETA2, EPSILON, INIT_SCALE, INIT_STD, DTYPE,
      STOP_AFTER_GROK, STOP_THRESHOLD, STOP_WINDOW, STOP_WHEN, SETTLE_THRESHOLD, SETTLE_WINDOW,
      LOSS, OPTIMIZER, MOMENTUM, DECAY_TOWARD, GRAD_FILTER, GROKFAST_ALPHA, GROKFAST_LAMBDA,
      GROKFAST_WINDOW, FAMILY, D_MODEL, HEADS, D_HEAD, D_MLP, LAYERS, DEPTH, BIAS, OPERATION,
      LABEL_NOISE);

  /**
   * The settings a refinement can subdivide: real numbers, between any two of which a midpoint
   * is a valid value. Integers (width, steps, the modulus) and words are not.
   */
  static final List<String> REFINABLE = List.of(WEIGHT_DECAYS, TRAIN_FRACTIONS, LEARNING_RATE,
      BETA1, BETA2, EPSILON, INIT_SCALE, INIT_STD, STOP_THRESHOLD, SETTLE_THRESHOLD, MOMENTUM,
      GROKFAST_ALPHA, GROKFAST_LAMBDA, LABEL_NOISE);

  static final List<String> ALL = List.of(MODULI, WEIGHT_DECAYS, TRAIN_FRACTIONS, SEEDS,
      ALLOW_LARGE_GRID, REFINE_ROUNDS, REFINE_MAX_RUNS, REFINE_TRIGGER, WIDTH, LEARNING_RATE,
      STEPS, ACTIVATION, ENCODING, EVAL_EVERY, WARMUP_STEPS, BETA1, BETA2, EPSILON, INIT_SCALE,
      INIT_STD, DTYPE, STOP_AFTER_GROK, STOP_THRESHOLD, STOP_WINDOW, STOP_WHEN, SETTLE_THRESHOLD, SETTLE_WINDOW, THREADS,
      CHECKPOINT_EVERY, LOSS, OPTIMIZER, MOMENTUM, DECAY_TOWARD, GRAD_FILTER, GROKFAST_ALPHA,
      GROKFAST_LAMBDA, GROKFAST_WINDOW, FAMILY, D_MODEL, HEADS, D_HEAD, D_MLP, LAYERS, DEPTH, BIAS,
      OPERATION, LABEL_NOISE, PHASE_THRESHOLD,
      PHASE_GAP, PHASE_RULE, PHASE_RATIO, X, Y, LOSS_MILESTONES);
}
