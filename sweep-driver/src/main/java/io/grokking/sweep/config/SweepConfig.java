package io.grokking.sweep.config;

import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.config.TrainConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A whole sweep: the grid (moduli × weight decays × train fractions × seeds), the training settings
 * every run shares and the analysis settings. Every rule is checked here, so an instance is valid.
 *
 * @param moduli primes or other integers p >= 3 of the task (a + b) mod p (sweep.moduli)
 * @param weightDecays AdamW weight decays >= 0 (sweep.weight-decays)
 * @param trainFractions share of the p² pairs used for training, in (0, 1) (sweep.train-fractions)
 * @param seeds seeds of the split and the init (sweep.seeds)
 * @param allowLargeGrid lifts the {@code maxRuns} limit (sweep.allow-large-grid)
 * @param maxRuns the largest grid accepted without {@code allowLargeGrid}; it guards against a
 *     typo that asks for days of compute ({@link #DEFAULT_MAX_RUNS})
 */
public record SweepConfig(List<Integer> moduli, List<Double> weightDecays,
    List<Double> trainFractions, List<Long> seeds, boolean allowLargeGrid, int maxRuns,
    TrainConfig train, AnalysisConfig analysis) {

  /** Grids larger than this need {@code sweep.allow-large-grid = true}. */
  public static final int DEFAULT_MAX_RUNS = 2000;
  /** Power et al. (2022) grok p = 97 with weight decay 1 and 30 % of the pairs for training. */
  public static final List<Integer> DEFAULT_MODULI = List.of(97);
  public static final List<Double> DEFAULT_WEIGHT_DECAYS = List.of(1.0);
  public static final List<Double> DEFAULT_TRAIN_FRACTIONS = List.of(0.3);
  public static final List<Long> DEFAULT_SEEDS = List.of(0L);

  public SweepConfig {
    moduli = nonEmpty(Keys.MODULI, moduli);
    weightDecays = nonEmpty(Keys.WEIGHT_DECAYS, weightDecays);
    trainFractions = nonEmpty(Keys.TRAIN_FRACTIONS, trainFractions);
    seeds = nonEmpty(Keys.SEEDS, seeds);
    each(Keys.MODULI, moduli, p -> p >= 3, "an integer >= 3");
    each(Keys.WEIGHT_DECAYS, weightDecays, wd -> wd >= 0 && Double.isFinite(wd),
        "a finite number >= 0");
    each(Keys.TRAIN_FRACTIONS, trainFractions, f -> f > 0 && f < 1, "in (0, 1)");
    ConfigException.check(maxRuns > 0, "max-runs", "an integer > 0", maxRuns);
    ConfigException.check(train != null, "train", "present", "nothing");
    ConfigException.check(analysis != null, "analysis", "present", "nothing");
    long size = (long) moduli.size() * weightDecays.size() * trainFractions.size() * seeds.size();
    if (size > maxRuns && !allowLargeGrid) {
      throw new ConfigException("sweep", "the grid must have at most " + maxRuns + " runs unless "
          + Keys.ALLOW_LARGE_GRID + " = true, found " + moduli.size() + " moduli × "
          + weightDecays.size() + " weight decays × " + trainFractions.size()
          + " train fractions × " + seeds.size() + " seeds = " + size);
    }
  }

  /** Grid cells times seeds, before runs with equal ids are merged. */
  public long gridSize() {
    return (long) moduli.size() * weightDecays.size() * trainFractions.size() * seeds.size();
  }

  /**
   * A stable hash of what the grid computes: the sets of grid values and the training settings that
   * enter run ids. List order, duplicates, threads and checkpoint cadence do not change it, so a
   * sweep directory can be resumed exactly when this hash matches the one in its sweep.conf.
   */
  public String gridHash() {
    String canonical = "moduli=" + new TreeSet<>(moduli) + ";wd=" + new TreeSet<>(weightDecays)
        + ";frac=" + new TreeSet<>(trainFractions) + ";seeds=" + new TreeSet<>(seeds) + ";"
        + train.canonical();
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
