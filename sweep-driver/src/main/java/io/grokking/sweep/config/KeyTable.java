package io.grokking.sweep.config;

import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.config.Setting;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every declared setting as {@code grok keys} prints it and as the README's key table shows it;
 * both are read off the declarations ({@link Keys#DECLARED}), so they cannot drift apart.
 */
public final class KeyTable {
  private KeyTable() {}

  /**
   * A key's value as a sweep would use it.
   *
   * @param setting its declaration
   * @param value the value, as HOCON writes it ({@code = KEY} when it defaults to another key)
   * @param from where it comes from: {@code default}, {@code in FILE line N}, {@code from --set
   *     ...}, or {@code axis in FILE line N} for a list under sweep.axes
   */
  public record Resolved(Setting setting, String value, String from) {}

  /** The declarations whose key starts with {@code prefix} (all for an empty one). */
  public static List<Setting> declared(String prefix) {
    List<Setting> found = Keys.DECLARED.stream().filter(s -> s.key().startsWith(prefix)).toList();
    if (found.isEmpty()) {
      throw new ConfigException("PREFIX", "must begin at least one key (sweep., train., model.,"
          + " task., analysis.), found " + prefix);
    }
    return found;
  }

  /** The README's table: key, default, allowed values and meaning of every setting. */
  public static String markdown() {
    StringBuilder b = new StringBuilder("| key | default | allowed | meaning |\n"
        + "| --- | --- | --- | --- |\n");
    for (Setting s : Keys.DECLARED) {
      b.append("| `").append(s.key()).append("` | `").append(cell(s.defaultText()))
          .append("` | ").append(cell(s.allowed())).append(" | ").append(cell(s.doc()))
          .append(role(s)).append(" |\n");
    }
    return b.toString();
  }

  /** Each setting of {@code settings} with its default, allowed values and doc. */
  public static String text(List<Setting> settings) {
    return settings.stream().map(s -> s.key() + " = " + s.defaultText() + "\n    "
        + s.allowed() + "; " + s.doc() + role(s) + "\n").collect(Collectors.joining());
  }

  /** Each resolved key whose key starts with {@code prefix}, with where its value comes from. */
  public static String text(List<Resolved> resolved, String prefix) {
    declared(prefix);
    return resolved.stream().filter(r -> r.setting().key().startsWith(prefix))
        .map(r -> (r.from().startsWith("axis") ? Keys.AXES + "." : "") + r.setting().key()
            + " = " + r.value() + "    (" + r.from() + (r.from().equals("default") ? ""
                : "; default " + r.setting().defaultText()) + ")\n    "
            + r.setting().allowed() + "; " + r.setting().doc() + "\n")
        .collect(Collectors.joining());
  }

  /** What the role adds to the doc: a run setting that never enters the run id says so. */
  private static String role(Setting s) {
    return s.role() == Setting.Role.RUNTIME ? " (speed only: not part of the run id, not an axis)"
        : "";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
