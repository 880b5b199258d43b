package io.grokking.trainer.task.parity;

import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.config.Setting;
import java.util.List;

/**
 * The sparse-parity task: inputs of n bits in ±1, and the label is the product of k fixed bits,
 * the first k as in the reference code (Merrill, Tsilivis &amp; Shukla 2023, "A Tale of Two
 * Circuits", arXiv:2303.11873; {@code github.com/Tsili42/parity-nn} @41c7339,
 * {@code utils.parity}).
 *
 * <p><b>How samples are drawn.</b> Exactly as {@code utils.parity(n, k, m, seed)} draws them:
 * Python's {@code random.seed(seed)}, then m rows, each of n {@code random.choice([-1, 1])} in
 * order, so the same seed gives the reference's very samples ({@link PythonRandom}). Samples are
 * drawn with replacement, so a row may repeat, and the two splits may share rows when 2^n is
 * small. As in the reference's {@code parity.data_preparation}, the training samples of a run with
 * seed s come from seed {@value #TRAIN_SEED_FACTOR}·s and the test samples from the fixed seed
 * {@value #TEST_SEED}: every run of a sweep is tested on the same samples, and a run's training
 * set depends on its seed and on n, k and the sample count alone.
 */
public record SparseParity(int bits, int parityBits, int trainSamples, int testSamples) {
  public static final Setting BITS = Setting.key("task.parity-n").integer(40)
      .allowed("an integer >= 1").doc("sparse parity's input bits n, each in ±1")
      .run("parity_n", "parity_n").build();
  public static final Setting PARITY_BITS = Setting.key("task.parity-k").integer(3)
      .allowed("an integer in [1, task.parity-n]")
      .doc("sparse parity's k: the label is the product of the first k bits")
      .run("parity_k", "parity_k").build();
  public static final Setting TRAIN_SAMPLES = Setting.key("task.train-samples").integer(1000)
      .allowed("an integer >= 1")
      .doc("sparse parity's training samples, drawn by Python's random seeded 17 · seed")
      .run("train_samples", "train_samples").build();
  public static final Setting TEST_SAMPLES = Setting.key("task.test-samples").integer(100)
      .allowed("an integer >= 1")
      .doc("sparse parity's test samples, drawn by Python's random seeded 2001 for every run")
      .run("test_samples", "test_samples").build();
  /** The task's settings; the defaults are the reference's ({@code parity.py get_args}). */
  public static final List<Setting> SETTINGS = List.of(BITS, PARITY_BITS, TRAIN_SAMPLES,
      TEST_SAMPLES);
  /** The reference's training seed is its seed id times this. */
  public static final long TRAIN_SEED_FACTOR = 17;
  /** The reference's seed for its test samples, the same for every run. */
  public static final long TEST_SEED = 2001;

  public SparseParity {
    BITS.check(bits >= 1, bits);
    ConfigException.check(parityBits >= 1 && parityBits <= bits, PARITY_BITS.key(),
        "in [1, " + BITS.key() + " = " + bits + "]", parityBits);
    checkSamples(TRAIN_SAMPLES, trainSamples, bits);
    checkSamples(TEST_SAMPLES, testSamples, bits);
  }

  /** The reference's task: n = 40, k = 3, 1000 training and 100 test samples. */
  public static SparseParity defaults() {
    return new SparseParity((Integer) BITS.defaultValue(), (Integer) PARITY_BITS.defaultValue(),
        (Integer) TRAIN_SAMPLES.defaultValue(), (Integer) TEST_SAMPLES.defaultValue());
  }

  private static void checkSamples(Setting setting, int samples, int bits) {
    ConfigException.check(samples >= 1 && (long) samples * bits <= Integer.MAX_VALUE,
        setting.key(), "in [1, " + Integer.MAX_VALUE / bits + "] for " + BITS.key() + " = "
            + bits, samples);
  }

  /** The training samples of the run with seed {@code seed}. */
  public ParitySamples train(long seed) {
    return draw(bits, parityBits, trainSamples, Math.multiplyExact(TRAIN_SEED_FACTOR, seed));
  }

  /** The test samples, the same for every run. */
  public ParitySamples test() {
    return draw(bits, parityBits, testSamples, TEST_SEED);
  }

  /** {@code utils.parity(bits, parityBits, rows, pythonSeed)} of the reference. */
  public static ParitySamples draw(int bits, int parityBits, int rows, long pythonSeed) {
    PythonRandom random = new PythonRandom(pythonSeed);
    float[] x = new float[rows * bits];
    float[] y = new float[rows];
    for (int row = 0; row < rows; row++) {
      int label = 1;
      for (int j = 0; j < bits; j++) {
        int bit = random.choice(-1, 1);
        x[row * bits + j] = bit;
        if (j < parityBits) {
          label *= bit;
        }
      }
      y[row] = label;
    }
    return new ParitySamples(bits, x, y);
  }
}
