package io.grokking.trainer.config;

/**
 * How (a, b) enters the network: {@code sum} feeds e_a + e_b through one shared W_in (He et al.
 * 2026); {@code concat} feeds [e_a ; e_b], giving a and b their own matrices (Gromov 2023).
 */
public enum Encoding {
  SUM, CONCAT;

  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Encoding parse(String key, String value) {
    for (Encoding e : values()) {
      if (e.key().equals(value)) {
        return e;
      }
    }
    throw new ConfigException(key, "must be one of sum, concat, found " + value);
  }
}
