package io.grokking.trainer.config;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * A model family as a run's identity sees it: its name, the settings it reads, how they enter
 * the run id and the output columns, and the rules it places on a task. Each family implements
 * this once in its own package and registers with one line in
 * {@code META-INF/services/io.grokking.trainer.config.FamilySpec}; {@link Families} finds it by
 * name, so nothing outside the family's package asks which family it holds.
 */
public interface FamilySpec {
  /** The value of {@code model.family} that selects this family. */
  String name();

  /** The settings only this family reads, as declared by their owners. */
  List<Setting> settings();

  /**
   * The settings this family declares itself and keeps in {@link ModelConfig#options()}: each a
   * run setting with its token, column, default and rule ({@link Setting#valid}), read, checked,
   * written to {@code sweep.conf}, listed by {@code grok keys} and given a {@code results} column
   * without any other code naming it. Part of {@link #settings()}.
   */
  default List<Setting> options() {
    return List.of();
  }

  /**
   * The part of a run's canonical configuration after its grid coordinates and before the
   * optimizer's pairs: the training settings this family reads, in a fixed order. A family added
   * later appends its own pairs to {@link TrainConfig#sharedCanonical()}.
   */
  String trainCanonical(TrainConfig train);

  /** The pairs this family's own settings add after the optimizer's; empty at their defaults. */
  String modelCanonical(ModelConfig model);

  /**
   * Fails with the offending key when this family cannot learn {@code task} mod {@code p}; by
   * default only the task's own rules apply, for a family that reads a and b apart.
   */
  default void checkFits(TaskConfig task, int modulus, TrainConfig train) {
    task.checkFits(modulus);
  }

  /**
   * A setting that only this family reads, set away from its default, as {@code key = value}:
   * a mistake in a sweep where no run is of this family. By default none: a family's own
   * {@link #options()} are checked by the loader, and settings with defaults another family's
   * sweep never reads are no mistake.
   */
  default Optional<String> unreadSetting(TrainConfig train, ModelConfig model) {
    return Optional.empty();
  }

  /** This family's columns of the {@code results} row, by name. */
  void columns(TrainConfig train, ModelConfig model, BiConsumer<String, Object> column);

  /**
   * A run's training time up to a constant shared by every family: the multiply-adds of all its
   * steps; the sweep starts the costliest runs first.
   */
  double cost(RunSpec spec);

  /** The matrix whose Fourier spectrum the run figure draws, e.g. {@code W_in}. */
  String spectrumMatrix();
}
