package io.grokking.trainer.train;

import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.data.ModularTask;

/** The one place that turns a run's model family into its network and its probe. */
public final class ModelFamilies {
  private ModelFamilies() {}

  /** A run's network and the measures that read it. */
  record Built(TrainableModel model, ModelProbe probe) {}

  /** The network of {@code spec}'s family, its weights drawn from the run's seed. */
  public static TrainableModel model(RunSpec spec) {
    return switch (spec.model().family()) {
      case MLP -> MlpModel.create(spec);
      case TRANSFORMER -> TransformerModel.create(spec);
    };
  }

  /** The network of {@code spec}'s family, its weights drawn from the run's seed, and its probe. */
  static Built create(RunSpec spec, ModularTask data) {
    return switch (spec.model().family()) {
      case MLP -> {
        MlpModel mlp = MlpModel.create(spec);
        yield new Built(mlp, new MlpProbe(spec, data, mlp.network()));
      }
      case TRANSFORMER -> {
        TransformerModel transformer = TransformerModel.create(spec);
        yield new Built(transformer, new TransformerRunProbe(spec, data, transformer));
      }
    };
  }
}
