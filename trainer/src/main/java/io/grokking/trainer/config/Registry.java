package io.grokking.trainer.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The implementations of one plug-in type listed in {@code META-INF/services/TYPE} on the class
 * path, found once with {@link ServiceLoader} (as ND4J finds its backend) and kept by name, so
 * that a plug-in's own package registers it without this package naming it. The settings a
 * plug-in declares itself must be run settings under its prefix, with a token, a column and a
 * default.
 *
 * @param <T> the plug-in type: a model family ({@link FamilySpec}) or a task ({@link TaskSpec})
 */
final class Registry<T> {
  private final Map<String, T> byName = new LinkedHashMap<>();
  private final Map<String, T> byAlias = new LinkedHashMap<>();

  /**
   * Loads every {@code type} on the class path; a malformed own setting, and two plug-ins of one
   * name (or alias), are refused.
   */
  Registry(Class<T> type, Function<T, String> name, Function<T, List<String>> aliases,
      Function<T, List<Setting>> options, String prefix) {
    for (T t : ServiceLoader.load(type, type.getClassLoader())) {
      for (Setting s : options.apply(t)) {
        if (!s.key().startsWith(prefix) || s.role() != Setting.Role.RUN || s.token() == null
            || s.column() == null || s.defaultValue() == null) {
          throw new IllegalStateException(type.getSimpleName() + " " + name.apply(t)
              + " declares " + s.key() + ": a plug-in's own setting is a " + prefix
              + "* run setting with a token, a column and a default");
        }
      }
      for (String n : java.util.stream.Stream.concat(java.util.stream.Stream.of(name.apply(t)),
          aliases.apply(t).stream()).toList()) {
        T before = byAlias.putIfAbsent(n, t);
        if (before != null) {
          throw new IllegalStateException("Two " + type.getSimpleName() + "s are named " + n
              + ": " + before.getClass().getName() + " and " + t.getClass().getName());
        }
      }
      byName.put(name.apply(t), t);
    }
  }

  /** The names of every registered plug-in, in registration order. */
  List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** Every registered plug-in, in registration order. */
  List<T> all() {
    return List.copyOf(byName.values());
  }

  /** The plug-in of this name or alias, or null. */
  T get(String name) {
    return name == null ? null : byAlias.get(name);
  }
}
