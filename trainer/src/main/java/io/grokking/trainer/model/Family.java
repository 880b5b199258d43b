package io.grokking.trainer.model;

import io.grokking.trainer.config.FamilySpec;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.task.ModularTask;

/**
 * A model family as the trainer sees it: besides its identity ({@link FamilySpec}), it builds a
 * run's network and the probe that measures it. A family's package implements this once and
 * registers it in {@code META-INF/services/io.grokking.trainer.config.FamilySpec}.
 */
public interface Family extends FamilySpec {
  /** The network of {@code spec}, its weights drawn from the run's seed. */
  TrainableModel model(RunSpec spec);

  /** The network of {@code spec}, its weights drawn from the run's seed, and its probe. */
  ModelFamilies.Built create(RunSpec spec, ModularTask data);

  /** The script under {@code shared/peer/} that times this family in PyTorch. */
  String peerScript();
}
