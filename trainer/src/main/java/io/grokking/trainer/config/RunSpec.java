package io.grokking.trainer.config;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One cell of the grid with one seed: everything needed to reproduce a run. The run id is a stable
 * hash of {@link #canonical()}, so it does not depend on the grid's order or on the machine.
 */
public record RunSpec(int modulus, double weightDecay, double trainFraction, long seed,
    TrainConfig train, TaskConfig task, ModelConfig model, OptimizerConfig optimizer)
    implements Serializable {

  /** A run of the default task, a + b mod p with clean labels, on the MLP. */
  public RunSpec(int modulus, double weightDecay, double trainFraction, long seed,
      TrainConfig train) {
    this(modulus, weightDecay, trainFraction, seed, train, TaskConfig.defaults());
  }

  /** A run of the MLP. */
  public RunSpec(int modulus, double weightDecay, double trainFraction, long seed,
      TrainConfig train, TaskConfig task) {
    this(modulus, weightDecay, trainFraction, seed, train, task, ModelConfig.defaults());
  }

  /** A run with AdamW and no gradient filter. */
  public RunSpec(int modulus, double weightDecay, double trainFraction, long seed,
      TrainConfig train, TaskConfig task, ModelConfig model) {
    this(modulus, weightDecay, trainFraction, seed, train, task, model,
        OptimizerConfig.defaults());
  }

  public RunSpec {
    ConfigException.check(weightDecay >= 0 && Double.isFinite(weightDecay),
        "sweep.weight-decays", "numbers >= 0", weightDecay);
    ConfigException.check(trainFraction > 0 && trainFraction <= 1,
        "sweep.train-fractions", "numbers in (0, 1]", trainFraction);
    ConfigException.check(train != null, "train", "present", "nothing");
    ConfigException.check(task != null, "task", "present", "nothing");
    ConfigException.check(model != null, "model", "present", "nothing");
    ConfigException.check(optimizer != null, "optimizer", "present", "nothing");
    model.spec().checkFits(task, modulus, train);
  }

  /**
   * Every setting that changes what the run computes, as {@code token=value} pairs joined by
   * {@code ;} ({@link Settings} maps tokens to keys). The model and the task add their pairs only
   * when they differ from the default, and the leading {@code task=modular-addition} names the
   * family of tasks, so every run id of a configuration written before tasks and model families
   * existed is unchanged. A transformer's id leaves out the MLP's settings, which it does not
   * read.
   */
  public String canonical() {
    return task.spec().identity(modulus) + ";wd=" + weightDecay + ";frac=" + trainFraction
        + ";seed=" + seed + ";" + settingsCanonical(train, task, model, optimizer);
  }

  /**
   * The part of the canonical configuration after the grid coordinates: the training settings
   * the family reads ({@link FamilySpec#trainCanonical}), then the optimizer's pairs, the family's
   * own and the task's non-default pairs.
   */
  public static String settingsCanonical(TrainConfig train, TaskConfig task, ModelConfig model,
      OptimizerConfig optimizer) {
    FamilySpec family = model.spec();
    return family.trainCanonical(train) + optimizer.canonicalSuffix()
        + family.modelCanonical(model) + task.canonicalSuffix();
  }

  /** About how many pairs the run trains on: the training fraction of the p² pairs. */
  public double trainPairs() {
    return Math.rint(trainFraction * modulus * modulus);
  }

  /** First 16 hex digits of SHA-256 over the canonical configuration. */
  public String runId() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(canonical().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
