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
  public static final Setting SETTING = Setting.key(KEY).word("cross-entropy")
      .allowed("one of cross-entropy, stablemax, mse")
      .doc("the training loss; the train and test loss columns are measured with it")
      .run("loss", "loss").absent("cross-entropy").build();

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
    throw new ConfigException(key, "must be " + SETTING.allowed() + ", found " + value);
  }
}
