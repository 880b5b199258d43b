package io.grokking.trainer.config;

import java.util.List;

/**
 * The registered model families, by name: every {@link FamilySpec} listed in
 * {@code META-INF/services/io.grokking.trainer.config.FamilySpec} on the class path, found once
 * by {@link Registry}, so that a family's package registers it
 * without this package naming it.
 */
public final class Families {
  private static final Registry<FamilySpec> REGISTERED = new Registry<>(FamilySpec.class,
      FamilySpec::name, f -> List.of(), FamilySpec::options, "model.");

  private Families() {}

  /** The names of every registered family, in registration order. */
  public static List<String> names() {
    return REGISTERED.names();
  }

  /** Every registered family, in registration order. */
  public static List<FamilySpec> all() {
    return REGISTERED.all();
  }

  /** The family named {@code name}, or a message naming {@code model.family} and the choices. */
  public static FamilySpec of(String name) {
    FamilySpec f = REGISTERED.get(name);
    if (f == null) {
      throw ModelConfig.FAMILY.rejected(name);
    }
    return f;
  }
}
