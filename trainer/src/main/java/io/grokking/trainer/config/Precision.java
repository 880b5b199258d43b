package io.grokking.trainer.config;

/** Floating point type of parameters and activations (Prieto et al. 2025 motivate float64). */
public enum Precision {
  FLOAT32, FLOAT64;

  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Precision parse(String key, String value) {
    for (Precision p : values()) {
      if (p.key().equals(value)) {
        return p;
      }
    }
    throw new ConfigException(key, "must be one of float32, float64, found " + value);
  }
}
