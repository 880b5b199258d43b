package io.grokking.trainer.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The registered model families, by name: every {@link FamilySpec} listed in
 * {@code META-INF/services/io.grokking.trainer.config.FamilySpec} on the class path, found once
 * with {@link ServiceLoader} (as ND4J finds its backend), so that a family's package registers it
 * without this package naming it.
 */
public final class Families {
  private static final Map<String, FamilySpec> BY_NAME = load();

  private Families() {}

  private static Map<String, FamilySpec> load() {
    Map<String, FamilySpec> byName = new LinkedHashMap<>();
    for (FamilySpec f : ServiceLoader.load(FamilySpec.class, FamilySpec.class.getClassLoader())) {
      for (Setting s : f.options()) {
        if (!s.key().startsWith("model.") || s.role() != Setting.Role.RUN || s.token() == null
            || s.column() == null || s.defaultValue() == null) {
          throw new IllegalStateException("Family " + f.name() + " declares " + s.key()
              + ": a family's own setting is a model.* run setting with a token, a column and"
              + " a default");
        }
      }
      FamilySpec before = byName.putIfAbsent(f.name(), f);
      if (before != null) {
        throw new IllegalStateException("Two model families are named " + f.name() + ": "
            + before.getClass().getName() + " and " + f.getClass().getName());
      }
    }
    return byName;
  }

  /** The names of every registered family, in registration order. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /** Every registered family, in registration order. */
  public static List<FamilySpec> all() {
    return List.copyOf(BY_NAME.values());
  }

  /** The family named {@code name}, or a message naming {@code model.family} and the choices. */
  public static FamilySpec of(String name) {
    FamilySpec f = name == null ? null : BY_NAME.get(name);
    if (f == null) {
      throw ModelConfig.FAMILY.rejected(name);
    }
    return f;
  }
}
