package io.grokking.trainer.config;

/** Hidden-layer nonlinearity. He et al. 2026 use ReLU; {@code quad} is x squared (Gromov 2023). */
public enum Activation {
  RELU, QUAD;

  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Activation parse(String key, String value) {
    for (Activation a : values()) {
      if (a.key().equals(value)) {
        return a;
      }
    }
    throw new ConfigException(key, "must be one of relu, quad, found " + value);
  }
}
