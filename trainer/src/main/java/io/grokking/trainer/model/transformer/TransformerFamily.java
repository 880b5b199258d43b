package io.grokking.trainer.model.transformer;

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
 * Nanda et al. 2023's transformer ({@code model.family = transformer}): its residual width,
 * heads, head width and MLP width ({@code model.*}), and its own setting {@code model.layers},
 * the number of blocks. It reads a and b as separate tokens in order, so it can learn any
 * operation.
 */
public final class TransformerFamily implements Family {
  public static final String NAME = "transformer";
  /** Beyond this a typo, not an experiment: each block costs a pass over all three positions. */
  public static final int MAX_LAYERS = 8;
  /**
   * The blocks, each attention and MLP with residuals and its own parameters: Nanda et al. train
   * 1, Power et al. 2022 ("Grokking: generalization beyond overfitting", training details) 2. In
   * a run id ({@code ;layers=N}) only when not 1, so one-block ids are those of before.
   */
  public static final Setting LAYERS = Setting.key("model.layers")
      .integer(TransformerShape.DEFAULT_LAYERS).allowed("an integer in [1, " + MAX_LAYERS + "]")
      .valid(v -> v instanceof Integer n && n >= 1 && n <= MAX_LAYERS)
      .doc("the transformer's blocks, each attention and MLP with residuals; Nanda et al. train"
          + " 1, Power et al. 2022 train 2")
      .run("layers", "layers").absent(String.valueOf(TransformerShape.DEFAULT_LAYERS)).build();

  /** The blocks of {@code model}, a transformer's. */
  public static int layers(ModelConfig model) {
    return ((Number) model.option(LAYERS)).intValue();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Setting> settings() {
    return List.of(ModelConfig.D_MODEL, ModelConfig.HEADS, ModelConfig.D_HEAD, ModelConfig.D_MLP,
        LAYERS);
  }

  @Override
  public List<Setting> options() {
    return List.of(LAYERS);
  }

  @Override
  public String trainCanonical(TrainConfig train) {
    return train.sharedCanonical();
  }

  @Override
  public String modelCanonical(ModelConfig m) {
    return ";family=" + NAME + ";d=" + m.dModel() + ";heads=" + m.heads() + ";dhead="
        + m.dHead() + ";dmlp=" + m.dMlp()
        + (layers(m) != TransformerShape.DEFAULT_LAYERS ? ";layers=" + layers(m) : "");
  }


  @Override
  public void columns(TrainConfig t, ModelConfig m, BiConsumer<String, Object> column) {
    column.accept("d_model", m.dModel());
    column.accept("heads", m.heads());
    column.accept("d_head", m.dHead());
    column.accept("d_mlp", m.dMlp());
  }

  /**
   * Multiply-adds per pair at the = position (W_O, the MLP's two products and the unembedding),
   * times the training pairs and the steps; a block below the last computes all three positions.
   */
  @Override
  public double cost(RunSpec spec) {
    double p = spec.modulus();
    double pairs = spec.trainPairs();
    ModelConfig m = spec.model();
    double perPair = ((double) m.heads() * m.dHead() * m.dModel() + 2.0 * m.dModel() * m.dMlp())
        * (1 + 3 * (layers(m) - 1)) + m.dModel() * (p + 1);
    return spec.train().steps() * pairs * perPair;
  }

  @Override
  public String spectrumMatrix() {
    return "W_E";
  }

  @Override
  public TrainableModel model(RunSpec spec) {
    return TransformerModel.create(spec);
  }

  @Override
  public ModelFamilies.Built create(RunSpec spec, ModularTask data) {
    TransformerModel transformer = TransformerModel.create(spec);
    return new ModelFamilies.Built(transformer, new TransformerRunProbe(spec, data, transformer));
  }

  @Override
  public String peerScript() {
    return "torch_transformer.py";
  }
}
