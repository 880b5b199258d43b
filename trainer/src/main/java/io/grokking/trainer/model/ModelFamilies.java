package io.grokking.trainer.model;

import io.grokking.trainer.config.Families;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.task.ModularTask;

/**
 * The registered model families ({@link Families}) as the trainer uses them: a run's family
 * builds its network and its probe, without this class or the loop knowing which it is.
 */
public final class ModelFamilies {
  private ModelFamilies() {}

  /** A run's network and the measures that read it. */
  public record Built(TrainableModel model, ModelProbe probe) {}

  /** The family of {@code spec}. */
  public static Family of(RunSpec spec) {
    return (Family) Families.of(spec.model().family());
  }

  /** The network of {@code spec}'s family, its weights drawn from the run's seed. */
  public static TrainableModel model(RunSpec spec) {
    return of(spec).model(spec);
  }

  /** The network of {@code spec}'s family, its weights drawn from the run's seed, and its probe. */
  public static Built create(RunSpec spec, ModularTask data) {
    return of(spec).create(spec, data);
  }
}
