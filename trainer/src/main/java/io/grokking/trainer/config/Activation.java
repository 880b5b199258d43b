package io.grokking.trainer.config;

/**
 * Hidden-layer nonlinearity. He et al. 2026 use ReLU; {@code quad} is x squared (Gromov 2023);
 * {@code gelu} is the exact GELU x·Φ(x) = x/2 · (1 + erf(x/√2)) of Hendrycks &amp; Gimpel 2016,
 * PyTorch's default {@code nn.GELU()}, not its tanh approximation; {@code tanh} is tanh(x).
 */
public enum Activation {
  RELU, QUAD, GELU, TANH;

  /** The allowed values as a message lists them. */
  public static final String ALLOWED = "one of relu, quad, gelu, tanh";

  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Activation parse(String key, String value) {
    for (Activation a : values()) {
      if (a.key().equals(value)) {
        return a;
      }
    }
    throw new ConfigException(key, "must be " + ALLOWED + ", found " + value);
  }
}
