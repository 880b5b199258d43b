package io.grokking.trainer.config;

import java.util.Locale;

/**
 * The training loss (train.loss): softmax cross-entropy, StableMax cross-entropy (Prieto et al.
 * 2025) or mean squared error against one-hot targets (Gromov 2023, Doshi et al. 2023). Accuracy
 * is the arg-max logit's whatever the loss.
 */
public enum LossFunction {
  CROSS_ENTROPY("cross-entropy"), STABLEMAX("stablemax"), MSE("mse");

  public static final String KEY = "train.loss";
  public static final LossFunction DEFAULT = CROSS_ENTROPY;

  private final String key;

  LossFunction(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static LossFunction parse(String key, String value) {
    for (LossFunction l : values()) {
      if (l.key.equals(value.trim().toLowerCase(Locale.ROOT))) {
        return l;
      }
    }
    throw new ConfigException(key, "must be one of cross-entropy, stablemax, mse, found " + value);
  }
}
