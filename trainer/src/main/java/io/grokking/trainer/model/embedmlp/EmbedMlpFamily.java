package io.grokking.trainer.model.embedmlp;

import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.Setting;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.model.Family;
import io.grokking.trainer.model.ModelFamilies;
import io.grokking.trainer.model.TrainableModel;
import io.grokking.trainer.task.ModularTask;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Chughtai, Chan and Nanda 2023's one-hidden-layer MLP ({@code model.family = embed-mlp}; their
 * {@code OneLayerMLP} in {@code bilal-chughtai/rep-theory-mech-interp}, {@code utils/models.py}):
 * separate left and right embeddings W_x, W_y (N × {@code model.embed-dim}), concatenated, one
 * hidden layer of {@code train.width} ReLU units, an unembedding W_U, no biases. It reads x and
 * y through their own embeddings, so it can learn any operation, commutative or not.
 */
public final class EmbedMlpFamily implements Family {
  public static final String NAME = "embed-mlp";
  /** The embedding width of issue 20 and of the PyTorch peer {@code torch_group.py}. */
  public static final int DEFAULT_EMBED_DIM = 256;

  public static final Setting EMBED_DIM = Setting.key("model.embed-dim").integer(DEFAULT_EMBED_DIM)
      .allowed("an integer > 0").valid(v -> v instanceof Integer i && i > 0)
      .doc("the width of embed-mlp's left and right embeddings W_x, W_y")
      .run("embed", "embed_dim").build();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Setting> options() {
    return List.of(EMBED_DIM);
  }

  @Override
  public List<Setting> settings() {
    return List.of(TrainConfig.WIDTH, EMBED_DIM);
  }

  /** The hidden width, then the settings every family reads. */
  @Override
  public String trainCanonical(TrainConfig train) {
    return "width=" + train.width() + ";" + train.sharedCanonical();
  }

  @Override
  public String modelCanonical(ModelConfig m) {
    return ";family=" + NAME + ";embed=" + m.option(EMBED_DIM);
  }


  @Override
  public void columns(TrainConfig t, ModelConfig m, BiConsumer<String, Object> column) {
    column.accept("width", t.width());
  }

  /**
   * Multiply-adds of a step: the pairs' unembedding and its two gradients (3·n·h·N) and the
   * products with W, taken once per vocabulary entry (4 products of 2·N·e·h), times the steps.
   */
  @Override
  public double cost(RunSpec spec) {
    double p = spec.modulus();
    double pairs = Math.rint(spec.trainFraction() * p * p);
    double h = spec.train().width();
    double e = (Integer) spec.model().option(EMBED_DIM);
    return spec.train().steps() * (3 * pairs * h * p + 4 * p * e * h);
  }

  @Override
  public String spectrumMatrix() {
    return "[W_x; W_y]·W";
  }

  @Override
  public TrainableModel model(RunSpec spec) {
    return EmbedMlpModel.create(spec);
  }

  @Override
  public ModelFamilies.Built create(RunSpec spec, ModularTask data) {
    EmbedMlpModel model = EmbedMlpModel.create(spec);
    return new ModelFamilies.Built(model, new EmbedMlpProbe(model.shape(), model.params()));
  }

  @Override
  public String peerScript() {
    return "torch_group.py";
  }
}
