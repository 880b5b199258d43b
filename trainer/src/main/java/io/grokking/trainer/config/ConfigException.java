package io.grokking.trainer.config;

/**
 * A user-facing configuration error. The message names the key as the user wrote it, the allowed
 * range and the value found; command lines turn it into exit code 2 before anything is written.
 */
public final class ConfigException extends IllegalArgumentException {
  private final String key;

  public ConfigException(String key, String message) {
    super(key + ": " + message);
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** Fails with {@code "key: must be RULE, found VALUE"} unless {@code ok}. */
  public static void check(boolean ok, String key, String rule, Object found) {
    if (!ok) {
      throw new ConfigException(key, "must be " + rule + ", found " + found);
    }
  }
}
