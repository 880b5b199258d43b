package io.grokking.trainer.config;

import java.io.Serializable;

/**
 * What the network learns: the operation and how many of its training labels are corrupted.
 *
 * @param operation the binary operation mod p (task.operation)
 * @param labelNoise share ξ of training labels replaced by a random wrong class, in [0, 1)
 *     (task.label-noise; Doshi et al. 2023, "To grok or not to grok: disentangling
 *     generalization and memorization on corrupted algorithmic datasets")
 */
public record TaskConfig(Operation operation, double labelNoise) implements Serializable {
  public static final Operation DEFAULT_OPERATION = Operation.ADD;
  public static final double DEFAULT_LABEL_NOISE = 0.0;
  public static final Setting OPERATION = Setting.key("task.operation")
      .word(DEFAULT_OPERATION.key()).allowed("one of " + Operation.allowed())
      .doc("the binary operation mod p (Power et al. 2022)").run("op", "operation")
      .absent(DEFAULT_OPERATION.key()).build();
  public static final Setting LABEL_NOISE = Setting.key("task.label-noise")
      .number(DEFAULT_LABEL_NOISE).allowed("in [0, 1)")
      .doc("share ξ of training labels replaced by a random wrong class (Doshi et al. 2023)")
      .run("noise", "label_noise").absent(String.valueOf(DEFAULT_LABEL_NOISE)).refinable()
      .build();
  public static final String OPERATION_KEY = OPERATION.key();
  public static final String LABEL_NOISE_KEY = LABEL_NOISE.key();

  /** This record's settings, in the order of a run's canonical configuration. */
  public static final java.util.List<Setting> SETTINGS = java.util.List.of(OPERATION,
      LABEL_NOISE);

  public TaskConfig {
    OPERATION.check(operation != null, operation);
    LABEL_NOISE.check(labelNoise >= 0 && labelNoise < 1, labelNoise);
  }

  public static TaskConfig defaults() {
    return new TaskConfig(DEFAULT_OPERATION, DEFAULT_LABEL_NOISE);
  }

  /**
   * The part of a run's canonical configuration this task adds: nothing for the default task, so
   * every run id written before tasks existed stays what it was.
   */
  public String canonicalSuffix() {
    return (operation == DEFAULT_OPERATION ? "" : ";op=" + operation.key())
        + (labelNoise == DEFAULT_LABEL_NOISE ? "" : ";noise=" + labelNoise);
  }

  /** Checks the rules that tie the task to a modulus, whatever the model. */
  public void checkFits(int modulus) {
    if (operation == Operation.DIV && !Operation.isPrime(modulus)) {
      throw new ConfigException(OPERATION_KEY, "div needs a prime modulus (every b ≠ 0 must have"
          + " an inverse mod p), found p = " + modulus);
    }
  }
}
