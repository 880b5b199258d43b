package io.grokking.trainer.config;

import java.util.Locale;

/**
 * The network a run trains: {@code mlp}, the two-layer network of He et al. 2026 (the default),
 * or {@code transformer}, the one-layer transformer of Nanda et al. 2023.
 */
public enum ModelFamily {
  MLP, TRANSFORMER;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ModelFamily parse(String key, String value) {
    for (ModelFamily f : values()) {
      if (f.key().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw ModelConfig.FAMILY.rejected(value);
  }
}
