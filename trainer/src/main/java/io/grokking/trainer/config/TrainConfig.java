package io.grokking.trainer.config;

import java.io.Serializable;

/**
 * Training settings shared by every run of a sweep. Keys in messages are the {@code train.*} keys
 * of the sweep configuration, so an error reads the way the user wrote it.
 *
 * @param width hidden neurons (train.width)
 * @param learningRate peak AdamW learning rate after warm-up (train.learning-rate)
 * @param steps step budget: updates, one batch each (train.steps)
 * @param activation hidden nonlinearity (train.activation)
 * @param encoding input encoding (train.encoding)
 * @param evalEvery steps between test evaluations (train.eval-every)
 * @param warmupSteps linear learning-rate warm-up length (train.warmup-steps)
 * @param beta1 AdamW first-moment decay (train.beta1)
 * @param beta2 AdamW second-moment decay (train.beta2)
 * @param epsilon AdamW denominator epsilon (train.epsilon)
 * @param initScale weights start as initScale * N(0,1) / sqrt(p) (train.init-scale); not read when
 *     initStd is given
 * @param precision float32 or float64 (train.dtype)
 * @param stopAfterGrok stop early at all, by the rule of {@code stopWhen} (train.stop-after-grok)
 * @param stopThreshold test accuracy that counts as generalized (train.stop-threshold)
 * @param stopWindow steps test accuracy must hold the threshold (train.stop-window)
 * @param threads BLAS/OpenMP threads per trainer (train.threads)
 * @param checkpointEvery steps between checkpoints, 0 for none (train.checkpoint-every)
 * @param initStd the MLP's weights start as initStd * N(0,1) instead, or NaN when not given
 *     (train.init-std)
 * @param loss the training loss, whose mean is also the test loss (train.loss)
 * @param stopWhen which early stop applies when {@code stopAfterGrok} is on (train.stop-when)
 * @param settleThreshold test accuracy a phase-settled run must hold; the sweep makes it its
 *     phase threshold unless set (train.settle-threshold)
 * @param settleWindow steps test accuracy must hold the settle threshold; the sweep makes it the
 *     stop window unless set (train.settle-window)
 * @param batchSize training pairs per update, or {@link #FULL_BATCH} for all of them
 *     (train.batch-size); a run checks it against its training split ({@link
 *     #checkBatchFits})
 */
public record TrainConfig(
    int width,
    double learningRate,
    int steps,
    Activation activation,
    Encoding encoding,
    int evalEvery,
    int warmupSteps,
    double beta1,
    double beta2,
    double epsilon,
    double initScale,
    Precision precision,
    boolean stopAfterGrok,
    double stopThreshold,
    int stopWindow,
    int threads,
    int checkpointEvery,
    double initStd,
    LossFunction loss,
    StopWhen stopWhen,
    double settleThreshold,
    int settleWindow,
    int batchSize)
    implements Serializable {

  public static final int DEFAULT_WIDTH = 512;
  public static final double DEFAULT_LEARNING_RATE = 1e-3;
  public static final int DEFAULT_STEPS = 10_000;
  public static final int DEFAULT_EVAL_EVERY = 50;
  public static final int DEFAULT_WARMUP_STEPS = 10;
  public static final double DEFAULT_BETA1 = 0.9;
  public static final double DEFAULT_BETA2 = 0.98;
  public static final double DEFAULT_EPSILON = 1e-8;
  public static final double DEFAULT_INIT_SCALE = 0.1;
  public static final double DEFAULT_STOP_THRESHOLD = 0.99;
  public static final int DEFAULT_STOP_WINDOW = 1_000;
  public static final int DEFAULT_THREADS = 1;
  public static final int DEFAULT_CHECKPOINT_EVERY = 0;
  public static final StopWhen DEFAULT_STOP_WHEN = StopWhen.GENERALIZED;
  /** The default phase threshold of the analysis (Liu et al.'s 0.9), which the sweep passes on. */
  public static final double DEFAULT_SETTLE_THRESHOLD = 0.9;
  public static final Setting WIDTH = Setting.key("train.width").integer(DEFAULT_WIDTH)
      .allowed("an integer > 0").doc("the MLP's hidden neurons per layer").run("width", "width")
      .build();
  public static final Setting LEARNING_RATE = Setting.key("train.learning-rate")
      .number(DEFAULT_LEARNING_RATE).allowed("a number > 0")
      .doc("peak learning rate, reached after the warm-up").run("lr", "learning_rate")
      .refinable().build();
  public static final Setting STEPS = Setting.key("train.steps").integer(DEFAULT_STEPS)
      .allowed("an integer > 0").doc("step budget: updates, one batch each")
      .run("steps", "steps_budget").build();
  public static final Setting ACTIVATION = Setting.key("train.activation").word("relu")
      .allowed(Activation.ALLOWED).doc("the MLP's hidden nonlinearity: quad is x squared, gelu"
          + " the exact x·Φ(x) of PyTorch's nn.GELU()").run("act", "activation").build();
  public static final Setting ENCODING = Setting.key("train.encoding").word("sum")
      .allowed("one of sum, concat")
      .doc("the MLP's input: e_a + e_b through one W_in (He et al.), or [e_a ; e_b] (Gromov 2023)")
      .run("enc", "encoding").build();
  public static final Setting EVAL_EVERY = Setting.key("train.eval-every")
      .integer(DEFAULT_EVAL_EVERY).allowed("an integer > 0")
      .doc("steps between test evaluations and mechanistic measures").run("eval", "eval_every")
      .build();
  public static final Setting WARMUP_STEPS = Setting.key("train.warmup-steps")
      .integer(DEFAULT_WARMUP_STEPS).allowed("an integer >= 0")
      .doc("steps of linear learning-rate warm-up").run("warmup", "warmup_steps").build();
  public static final Setting BETA1 = Setting.key("train.beta1").number(DEFAULT_BETA1)
      .allowed("in [0, 1)").doc("Adam(W)'s first-moment decay").run("b1", "beta1").refinable()
      .build();
  public static final Setting BETA2 = Setting.key("train.beta2").number(DEFAULT_BETA2)
      .allowed("in [0, 1)").doc("Adam(W)'s second-moment decay").run("b2", "beta2").refinable()
      .build();
  public static final Setting EPSILON = Setting.key("train.epsilon").number(DEFAULT_EPSILON)
      .allowed("a number > 0").doc("Adam(W)'s denominator ε").run("eps", "epsilon").refinable()
      .build();
  public static final Setting INIT_SCALE = Setting.key("train.init-scale")
      .number(DEFAULT_INIT_SCALE).allowed("a number > 0")
      .doc("the MLP's weights start as init-scale · N(0,1)/√p (hidden layers of a deeper MLP"
          + " /√width)").run("init", "init_scale").refinable().build();
  public static final Setting INIT_STD = Setting.key("train.init-std").numberOr("none")
      .allowed("a number > 0, or none")
      .doc("every MLP weight matrix starts as init-std · N(0,1) instead; replaces init-scale,"
          + " so setting both is an error").run("initstd", "init_std").refinable().build();
  public static final Setting DTYPE = Setting.key("train.dtype").word("float32")
      .allowed("one of float32, float64").doc("floating-point precision of training")
      .run("dtype", "dtype").build();
  public static final Setting STOP_AFTER_GROK = Setting.key("train.stop-after-grok").bool(true)
      .allowed("true or false").doc("stop a run early, by the rule of train.stop-when")
      .run("stop", "stop_after_grok").build();
  public static final Setting STOP_THRESHOLD = Setting.key("train.stop-threshold")
      .number(DEFAULT_STOP_THRESHOLD).allowed("in (0, 1]")
      .doc("test accuracy that counts as generalized for the generalized stop")
      .run("stopth", "stop_threshold").refinable().build();
  public static final Setting STOP_WINDOW = Setting.key("train.stop-window")
      .integer(DEFAULT_STOP_WINDOW).allowed("an integer >= 0")
      .doc("steps test accuracy must hold the stop threshold").run("stopwin", "stop_window")
      .build();
  public static final Setting STOP_WHEN = Setting.key(StopWhen.KEY)
      .word(StopWhen.GENERALIZED.key()).allowed("one of generalized, phase-settled")
      .doc("which early stop applies: generalized, or phase-settled once the phase cannot change"
          + " (status settled)").run("stopwhen", "stop_when").absent(StopWhen.GENERALIZED.key())
      .build();
  public static final Setting SETTLE_THRESHOLD = Setting.key("train.settle-threshold")
      .derived(Setting.Type.NUMBER, "analysis.phase-threshold").allowed("in (0, 1]")
      .doc("test accuracy a phase-settled run must hold; refused without a phase-settled run")
      .run("settleth", "settle_threshold").refinable().build();
  public static final Setting SETTLE_WINDOW = Setting.key("train.settle-window")
      .derived(Setting.Type.INTEGER, "train.stop-window").allowed("an integer >= 0")
      .doc("steps it must hold it; refused without a phase-settled run")
      .run("settlewin", "settle_window").build();
  public static final Setting THREADS = Setting.key("train.threads").integer(DEFAULT_THREADS)
      .allowed("an integer > 0").doc("BLAS/OpenMP threads per run; Spark runs one run per core")
      .runtime().build();
  public static final Setting CHECKPOINT_EVERY = Setting.key("train.checkpoint-every")
      .integer(DEFAULT_CHECKPOINT_EVERY).allowed("an integer >= 0 (0 turns checkpoints off)")
      .doc("steps between checkpoints of a run (0: none)").runtime().build();
  /** train.batch-size's value for full-batch training: every training pair at every step. */
  public static final int FULL_BATCH = 0;
  /** How a configuration writes {@link #FULL_BATCH}. */
  public static final String FULL_BATCH_WORD = "full";
  public static final Setting BATCH_SIZE = Setting.key("train.batch-size")
      .integerOr(FULL_BATCH_WORD).allowed("full, or an integer in [1, n_train] (the training pairs)")
      .doc("pairs per update: full trains on the whole training split at every step; b draws"
          + " minibatches of b as PyTorch's DataLoader(shuffle=True, drop_last=False), ⌈n_train/b⌉"
          + " steps an epoch").run("batch", "batch_size").absent(FULL_BATCH_WORD).build();
  public static final String STOP_WHEN_KEY = STOP_WHEN.key();
  public static final String SETTLE_THRESHOLD_KEY = SETTLE_THRESHOLD.key();
  public static final String SETTLE_WINDOW_KEY = SETTLE_WINDOW.key();
  public static final String INIT_STD_KEY = INIT_STD.key();
  /** train.init-std's default: not given, so the weights' deviation is init-scale / √p. */
  public static final double DEFAULT_INIT_STD = Double.NaN;

  /** This record's settings, in the order of a run's canonical configuration. */
  public static final java.util.List<Setting> SETTINGS = java.util.List.of(WIDTH, LEARNING_RATE,
      STEPS, ACTIVATION, ENCODING, EVAL_EVERY, WARMUP_STEPS, BETA1, BETA2, EPSILON, INIT_SCALE,
      INIT_STD, DTYPE, STOP_AFTER_GROK, STOP_THRESHOLD, STOP_WINDOW, STOP_WHEN, SETTLE_THRESHOLD,
      SETTLE_WINDOW, BATCH_SIZE, THREADS, CHECKPOINT_EVERY);

  public TrainConfig {
    WIDTH.check(width > 0, width);
    LEARNING_RATE.check(learningRate > 0 && Double.isFinite(learningRate), learningRate);
    STEPS.check(steps > 0, steps);
    ACTIVATION.check(activation != null, activation);
    ENCODING.check(encoding != null, encoding);
    EVAL_EVERY.check(evalEvery > 0, evalEvery);
    WARMUP_STEPS.check(warmupSteps >= 0, warmupSteps);
    BETA1.check(beta1 >= 0 && beta1 < 1, beta1);
    BETA2.check(beta2 >= 0 && beta2 < 1, beta2);
    EPSILON.check(epsilon > 0, epsilon);
    INIT_SCALE.check(initScale > 0, initScale);
    DTYPE.check(precision != null, precision);
    STOP_THRESHOLD.check(stopThreshold > 0 && stopThreshold <= 1, stopThreshold);
    STOP_WINDOW.check(stopWindow >= 0, stopWindow);
    THREADS.check(threads > 0, threads);
    CHECKPOINT_EVERY.check(checkpointEvery >= 0, checkpointEvery);
    INIT_STD.check(Double.isNaN(initStd) || (initStd > 0 && Double.isFinite(initStd)), initStd);
    LossFunction.SETTING.check(loss != null, loss);
    STOP_WHEN.check(stopWhen != null, stopWhen);
    SETTLE_THRESHOLD.check(settleThreshold > 0 && settleThreshold <= 1, settleThreshold);
    SETTLE_WINDOW.check(settleWindow >= 0, settleWindow);
    BATCH_SIZE.check(batchSize >= 1 || batchSize == FULL_BATCH, batchSize);
    if (stopWhen == StopWhen.PHASE_SETTLED && !stopAfterGrok) {
      throw new ConfigException(STOP_WHEN_KEY, "phase-settled stops a run early, which"
          + " train.stop-after-grok = false turns off; set one of them back to its default, found"
          + " train.stop-after-grok = false");
    }
  }

  /** The settings with full-batch training, as before train.batch-size existed. */
  public TrainConfig(int width, double learningRate, int steps, Activation activation,
      Encoding encoding, int evalEvery, int warmupSteps, double beta1, double beta2,
      double epsilon, double initScale, Precision precision, boolean stopAfterGrok,
      double stopThreshold, int stopWindow, int threads, int checkpointEvery, double initStd,
      LossFunction loss, StopWhen stopWhen, double settleThreshold, int settleWindow) {
    this(width, learningRate, steps, activation, encoding, evalEvery, warmupSteps, beta1, beta2,
        epsilon, initScale, precision, stopAfterGrok, stopThreshold, stopWindow, threads,
        checkpointEvery, initStd, loss, stopWhen, settleThreshold, settleWindow, FULL_BATCH);
  }

  /**
   * Settings as before train.init-std and train.loss existed: the weights' deviation is
   * initScale / √p and the loss is cross-entropy.
   */
  public TrainConfig(int width, double learningRate, int steps, Activation activation,
      Encoding encoding, int evalEvery, int warmupSteps, double beta1, double beta2,
      double epsilon, double initScale, Precision precision, boolean stopAfterGrok,
      double stopThreshold, int stopWindow, int threads, int checkpointEvery) {
    this(width, learningRate, steps, activation, encoding, evalEvery, warmupSteps, beta1, beta2,
        epsilon, initScale, precision, stopAfterGrok, stopThreshold, stopWindow, threads,
        checkpointEvery, DEFAULT_INIT_STD, LossFunction.DEFAULT, DEFAULT_STOP_WHEN, DEFAULT_SETTLE_THRESHOLD, stopWindow);
  }

  /** The settings with a given init-std (NaN for none) and the default loss, cross-entropy. */
  public TrainConfig(int width, double learningRate, int steps, Activation activation,
      Encoding encoding, int evalEvery, int warmupSteps, double beta1, double beta2,
      double epsilon, double initScale, Precision precision, boolean stopAfterGrok,
      double stopThreshold, int stopWindow, int threads, int checkpointEvery, double initStd) {
    this(width, learningRate, steps, activation, encoding, evalEvery, warmupSteps, beta1, beta2,
        epsilon, initScale, precision, stopAfterGrok, stopThreshold, stopWindow, threads,
        checkpointEvery, initStd, LossFunction.DEFAULT, DEFAULT_STOP_WHEN, DEFAULT_SETTLE_THRESHOLD, stopWindow);
  }

  /** The settings with a given loss and no init-std. */
  public TrainConfig(int width, double learningRate, int steps, Activation activation,
      Encoding encoding, int evalEvery, int warmupSteps, double beta1, double beta2,
      double epsilon, double initScale, Precision precision, boolean stopAfterGrok,
      double stopThreshold, int stopWindow, int threads, int checkpointEvery, LossFunction loss) {
    this(width, learningRate, steps, activation, encoding, evalEvery, warmupSteps, beta1, beta2,
        epsilon, initScale, precision, stopAfterGrok, stopThreshold, stopWindow, threads,
        checkpointEvery, DEFAULT_INIT_STD, loss, DEFAULT_STOP_WHEN, DEFAULT_SETTLE_THRESHOLD, stopWindow);
  }

  /** The settings with a given early-stop rule, no init-std and the default loss. */
  public TrainConfig(int width, double learningRate, int steps, Activation activation,
      Encoding encoding, int evalEvery, int warmupSteps, double beta1, double beta2,
      double epsilon, double initScale, Precision precision, boolean stopAfterGrok,
      double stopThreshold, int stopWindow, int threads, int checkpointEvery, StopWhen stopWhen,
      double settleThreshold, int settleWindow) {
    this(width, learningRate, steps, activation, encoding, evalEvery, warmupSteps, beta1, beta2,
        epsilon, initScale, precision, stopAfterGrok, stopThreshold, stopWindow, threads,
        checkpointEvery, DEFAULT_INIT_STD, LossFunction.DEFAULT, stopWhen, settleThreshold,
        settleWindow);
  }

  /** These settings with the phase-settled stop at {@code threshold} over {@code window} steps. */
  public TrainConfig settling(double threshold, int window) {
    return new TrainConfig(width, learningRate, steps, activation, encoding, evalEvery,
        warmupSteps, beta1, beta2, epsilon, initScale, precision, true, stopThreshold, stopWindow,
        threads, checkpointEvery, initStd, loss, StopWhen.PHASE_SETTLED, threshold, window,
        batchSize);
  }

  /** These settings with a checkpoint every {@code every} steps (0: none). */
  public TrainConfig checkpointingEvery(int every) {
    return new TrainConfig(width, learningRate, steps, activation, encoding, evalEvery,
        warmupSteps, beta1, beta2, epsilon, initScale, precision, stopAfterGrok, stopThreshold,
        stopWindow, threads, every, initStd, loss, stopWhen, settleThreshold, settleWindow,
        batchSize);
  }

  /** These settings with {@code size} training pairs per update ({@link #FULL_BATCH}: all). */
  public TrainConfig withBatchSize(int size) {
    return new TrainConfig(width, learningRate, steps, activation, encoding, evalEvery,
        warmupSteps, beta1, beta2, epsilon, initScale, precision, stopAfterGrok, stopThreshold,
        stopWindow, threads, checkpointEvery, initStd, loss, stopWhen, settleThreshold,
        settleWindow, size);
  }

  /** True when every step trains on the whole training split. */
  public boolean fullBatch() {
    return batchSize == FULL_BATCH;
  }

  /**
   * Fails with the {@code train.batch-size} key, the range and the value unless the batch size
   * is full or at most {@code trainPairs}, the training pairs of the run {@code of} describes
   * ({@code "p = 7, fraction 0.5"}).
   */
  public void checkBatchFits(int trainPairs, String of) {
    if (!fullBatch() && batchSize > trainPairs) {
      throw new ConfigException(BATCH_SIZE.key(), "must be full or an integer in [1, "
          + trainPairs + "] (the training pairs of " + of + "), found " + batchSize);
    }
  }

  /** Updates per epoch: ⌈n_train / batch size⌉, 1 for full-batch training. */
  public int stepsPerEpoch(int trainPairs) {
    return fullBatch() ? 1 : (trainPairs + batchSize - 1) / batchSize;
  }

  /** True when train.init-std is given, so init-scale is not read. */
  public boolean hasInitStd() {
    return !Double.isNaN(initStd);
  }

  /** The MLP's initial standard deviation for a weight matrix: init-std, else init-scale / √p. */
  public double weightStd(int modulus) {
    return hasInitStd() ? initStd : initScale / Math.sqrt(modulus);
  }

  /** The defaults of every setting; {@code conf/demo.conf} and the README list the same values. */
  public static TrainConfig defaults() {
    return new TrainConfig(DEFAULT_WIDTH, DEFAULT_LEARNING_RATE, DEFAULT_STEPS, Activation.RELU,
        Encoding.SUM, DEFAULT_EVAL_EVERY, DEFAULT_WARMUP_STEPS, DEFAULT_BETA1, DEFAULT_BETA2,
        DEFAULT_EPSILON, DEFAULT_INIT_SCALE, Precision.FLOAT32, true, DEFAULT_STOP_THRESHOLD,
        DEFAULT_STOP_WINDOW, DEFAULT_THREADS, DEFAULT_CHECKPOINT_EVERY, LossFunction.DEFAULT);
  }

  /** The same settings with another loss. */
  public TrainConfig withLoss(LossFunction newLoss) {
    return new TrainConfig(width, learningRate, steps, activation, encoding, evalEvery,
        warmupSteps, beta1, beta2, epsilon, initScale, precision, stopAfterGrok, stopThreshold,
        stopWindow, threads, checkpointEvery, initStd, newLoss, stopWhen, settleThreshold,
        settleWindow, batchSize);
  }

  /**
   * The settings that change what a run computes, in a fixed order; threads and checkpoint cadence
   * are left out because they change only how fast it gets there. A given init-std takes the
   * place of the init-scale it replaces ({@code initstd=} for {@code init=}), and the loss is
   * appended only when it is not cross-entropy, and the batch size only when it is not full, so
   * every id of a run without them is unchanged.
   */
  public String canonical() {
    String init = hasInitStd() ? ";initstd=" + initStd : ";init=" + initScale;
    return "width=" + width + ";lr=" + learningRate + ";steps=" + steps + ";act=" + activation.key()
        + ";enc=" + encoding.key() + ";eval=" + evalEvery + ";warmup=" + warmupSteps
        + ";b1=" + beta1 + ";b2=" + beta2 + ";eps=" + epsilon + init
        + ";dtype=" + precision.key() + ";stop=" + stopAfterGrok + ";stopth=" + stopThreshold
        + ";stopwin=" + stopWindow + lossSuffix() + stopSuffix() + batchSuffix();
  }

  /**
   * The settings every model family reads, in the order of {@link #canonical()}: all but the
   * MLP's width, activation, encoding and initialisation scale.
   */
  public String sharedCanonical() {
    return "lr=" + learningRate + ";steps=" + steps + ";eval=" + evalEvery + ";warmup="
        + warmupSteps + ";b1=" + beta1 + ";b2=" + beta2 + ";eps=" + epsilon + ";dtype="
        + precision.key() + ";stop=" + stopAfterGrok + ";stopth=" + stopThreshold + ";stopwin="
        + stopWindow + lossSuffix() + stopSuffix() + batchSuffix();
  }

  /** Nothing for full batches, so every run id written before train.batch-size is unchanged. */
  private String batchSuffix() {
    return fullBatch() ? "" : ";batch=" + batchSize;
  }

  /**
   * Nothing for the default stop, so every run id written before {@code train.stop-when} existed
   * is unchanged; else the rule with the threshold and window it reads.
   */
  private String stopSuffix() {
    return stopWhen == DEFAULT_STOP_WHEN ? "" : ";stopwhen=" + stopWhen.key() + ";settleth="
        + settleThreshold + ";settlewin=" + settleWindow;
  }

  private String lossSuffix() {
    return loss == LossFunction.DEFAULT ? "" : ";loss=" + loss.key();
  }
}
