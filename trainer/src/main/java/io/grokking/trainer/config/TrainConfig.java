package io.grokking.trainer.config;

import java.io.Serializable;

/**
 * Training settings shared by every run of a sweep. Keys in messages are the {@code train.*} keys
 * of the sweep configuration, so an error reads the way the user wrote it.
 *
 * @param width hidden neurons (train.width)
 * @param learningRate peak AdamW learning rate after warm-up (train.learning-rate)
 * @param steps step budget, one full batch each (train.steps)
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
    int settleWindow)
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
  public static final String STOP_WHEN_KEY = StopWhen.KEY;
  public static final String SETTLE_THRESHOLD_KEY = "train.settle-threshold";
  public static final String SETTLE_WINDOW_KEY = "train.settle-window";
  public static final String INIT_STD_KEY = "train.init-std";
  /** train.init-std's default: not given, so the weights' deviation is init-scale / √p. */
  public static final double DEFAULT_INIT_STD = Double.NaN;

  public TrainConfig {
    ConfigException.check(width > 0, "train.width", "an integer > 0", width);
    ConfigException.check(learningRate > 0 && Double.isFinite(learningRate),
        "train.learning-rate", "a number > 0", learningRate);
    ConfigException.check(steps > 0, "train.steps", "an integer > 0", steps);
    ConfigException.check(activation != null, "train.activation", Activation.ALLOWED, activation);
    ConfigException.check(encoding != null, "train.encoding", "one of sum, concat", encoding);
    ConfigException.check(evalEvery > 0, "train.eval-every", "an integer > 0", evalEvery);
    ConfigException.check(warmupSteps >= 0, "train.warmup-steps", "an integer >= 0", warmupSteps);
    ConfigException.check(beta1 >= 0 && beta1 < 1, "train.beta1", "in [0, 1)", beta1);
    ConfigException.check(beta2 >= 0 && beta2 < 1, "train.beta2", "in [0, 1)", beta2);
    ConfigException.check(epsilon > 0, "train.epsilon", "a number > 0", epsilon);
    ConfigException.check(initScale > 0, "train.init-scale", "a number > 0", initScale);
    ConfigException.check(precision != null, "train.dtype", "one of float32, float64", precision);
    ConfigException.check(stopThreshold > 0 && stopThreshold <= 1,
        "train.stop-threshold", "in (0, 1]", stopThreshold);
    ConfigException.check(stopWindow >= 0, "train.stop-window", "an integer >= 0", stopWindow);
    ConfigException.check(threads > 0, "train.threads", "an integer > 0", threads);
    ConfigException.check(checkpointEvery >= 0,
        "train.checkpoint-every", "an integer >= 0 (0 turns checkpoints off)", checkpointEvery);
    ConfigException.check(Double.isNaN(initStd) || (initStd > 0 && Double.isFinite(initStd)),
        INIT_STD_KEY, "a number > 0, or none", initStd);
    ConfigException.check(loss != null, LossFunction.KEY, "one of cross-entropy, stablemax, mse",
        loss);
    ConfigException.check(stopWhen != null, STOP_WHEN_KEY, "one of generalized, phase-settled",
        stopWhen);
    ConfigException.check(settleThreshold > 0 && settleThreshold <= 1, SETTLE_THRESHOLD_KEY,
        "in (0, 1]", settleThreshold);
    ConfigException.check(settleWindow >= 0, SETTLE_WINDOW_KEY, "an integer >= 0", settleWindow);
    if (stopWhen == StopWhen.PHASE_SETTLED && !stopAfterGrok) {
      throw new ConfigException(STOP_WHEN_KEY, "phase-settled stops a run early, which"
          + " train.stop-after-grok = false turns off; set one of them back to its default, found"
          + " train.stop-after-grok = false");
    }
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
        threads, checkpointEvery, initStd, loss, StopWhen.PHASE_SETTLED, threshold, window);
  }

  /** These settings with a checkpoint every {@code every} steps (0: none). */
  public TrainConfig checkpointingEvery(int every) {
    return new TrainConfig(width, learningRate, steps, activation, encoding, evalEvery,
        warmupSteps, beta1, beta2, epsilon, initScale, precision, stopAfterGrok, stopThreshold,
        stopWindow, threads, every, initStd, loss, stopWhen, settleThreshold, settleWindow);
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
        settleWindow);
  }

  /**
   * The settings that change what a run computes, in a fixed order; threads and checkpoint cadence
   * are left out because they change only how fast it gets there. A given init-std takes the
   * place of the init-scale it replaces ({@code initstd=} for {@code init=}), and the loss is
   * appended only when it is not cross-entropy, so every id of a run without them is unchanged.
   */
  public String canonical() {
    String init = hasInitStd() ? ";initstd=" + initStd : ";init=" + initScale;
    return "width=" + width + ";lr=" + learningRate + ";steps=" + steps + ";act=" + activation.key()
        + ";enc=" + encoding.key() + ";eval=" + evalEvery + ";warmup=" + warmupSteps
        + ";b1=" + beta1 + ";b2=" + beta2 + ";eps=" + epsilon + init
        + ";dtype=" + precision.key() + ";stop=" + stopAfterGrok + ";stopth=" + stopThreshold
        + ";stopwin=" + stopWindow + lossSuffix() + stopSuffix();
  }

  /**
   * The settings every model family reads, in the order of {@link #canonical()}: all but the
   * MLP's width, activation, encoding and initialisation scale.
   */
  public String sharedCanonical() {
    return "lr=" + learningRate + ";steps=" + steps + ";eval=" + evalEvery + ";warmup="
        + warmupSteps + ";b1=" + beta1 + ";b2=" + beta2 + ";eps=" + epsilon + ";dtype="
        + precision.key() + ";stop=" + stopAfterGrok + ";stopth=" + stopThreshold + ";stopwin="
        + stopWindow + lossSuffix() + stopSuffix();
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
