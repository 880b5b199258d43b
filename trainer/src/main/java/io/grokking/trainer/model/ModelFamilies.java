package io.grokking.trainer.model;

import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.loss.Losses;
import io.grokking.trainer.model.mlp.DeepMlpModel;
import io.grokking.trainer.model.mlp.MlpModel;
import io.grokking.trainer.model.mlp.MlpProbe;
import io.grokking.trainer.model.mlp.ModularMlp;
import io.grokking.trainer.model.transformer.TransformerModel;
import io.grokking.trainer.model.transformer.TransformerRunProbe;
import io.grokking.trainer.task.ModularTask;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The one place that turns a run's model family into its network and its probe, and an MLP into
 * the tuned passes of He et al.'s shape ({@link MlpModel}) or the general ones ({@link
 * DeepMlpModel}) with the run's loss.
 */
public final class ModelFamilies {
  private ModelFamilies() {}

  /** A run's network and the measures that read it. */
  public record Built(TrainableModel model, ModelProbe probe) {}

  /** The network of {@code spec}'s family, its weights drawn from the run's seed. */
  public static TrainableModel model(RunSpec spec) {
    return switch (spec.model().family()) {
      case MLP -> mlp(spec, ModularMlp.create(spec));
      case TRANSFORMER -> TransformerModel.create(spec);
    };
  }

  /** The trainer's view of the MLP {@code net} of {@code spec}. */
  public static TrainableModel mlp(RunSpec spec, MultiLayerNetwork net) {
    return MlpModel.handles(spec) ? new MlpModel(spec, net)
        : new DeepMlpModel(spec, net, Losses.of(spec.train().loss()));
  }

  /** The network of {@code spec}'s family, its weights drawn from the run's seed, and its probe. */
  public static Built create(RunSpec spec, ModularTask data) {
    return switch (spec.model().family()) {
      case MLP -> {
        MultiLayerNetwork net = ModularMlp.create(spec);
        yield new Built(mlp(spec, net), new MlpProbe(spec, data, net));
      }
      case TRANSFORMER -> {
        TransformerModel transformer = TransformerModel.create(spec);
        yield new Built(transformer, new TransformerRunProbe(spec, data, transformer));
      }
    };
  }
}
