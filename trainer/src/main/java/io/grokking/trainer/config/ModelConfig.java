package io.grokking.trainer.config;

import java.io.Serializable;

/**
 * Which network a run trains, and the transformer's dimensions (Nanda et al. 2023, "Progress
 * measures for grokking via mechanistic interpretability", Sec. 3 and their {@code
 * transformers.py}: d_model 128, 4 heads of 32, d_mlp 512). The MLP's own settings are
 * {@code train.width}, {@code train.activation}, {@code train.encoding} and {@code
 * train.init-scale} (or {@code train.init-std}), and its depth and biases here; the transformer reads
 * none of them, and the MLP none of the transformer's dimensions.
 *
 * @param family mlp or transformer (model.family)
 * @param dModel width of the transformer's residual stream (model.d-model)
 * @param heads attention heads (model.heads)
 * @param dHead width of each head (model.d-head)
 * @param dMlp hidden width of the transformer's MLP (model.d-mlp)
 * @param depth the MLP's hidden layers, each train.width wide; 1 is He et al.'s network
 *     (model.depth)
 * @param bias whether every layer of the MLP adds a bias; He et al.'s network has none
 *     (model.bias)
 * @param layers the transformer's blocks, each attention and MLP with residuals; Nanda et al.
 *     train 1, Power et al. 2022 ("Grokking: generalization beyond overfitting", training details) 2
 *     (model.layers)
 */
public record ModelConfig(ModelFamily family, int dModel, int heads, int dHead, int dMlp,
    int depth, boolean bias, int layers) implements Serializable {
  public static final String FAMILY_KEY = "model.family";
  public static final String D_MODEL_KEY = "model.d-model";
  public static final String HEADS_KEY = "model.heads";
  public static final String D_HEAD_KEY = "model.d-head";
  public static final String D_MLP_KEY = "model.d-mlp";
  public static final String DEPTH_KEY = "model.depth";
  public static final String BIAS_KEY = "model.bias";
  public static final String LAYERS_KEY = "model.layers";
  public static final ModelFamily DEFAULT_FAMILY = ModelFamily.MLP;
  public static final int DEFAULT_D_MODEL = 128;
  public static final int DEFAULT_HEADS = 4;
  public static final int DEFAULT_D_HEAD = 32;
  public static final int DEFAULT_D_MLP = 512;
  public static final int DEFAULT_DEPTH = 1;
  /** Beyond this a typo, not an experiment: every hidden layer is train.width wide. */
  public static final int MAX_DEPTH = 16;
  public static final boolean DEFAULT_BIAS = false;
  public static final int DEFAULT_LAYERS = 1;
  /** Beyond this a typo, not an experiment: each block costs a full pass over 3 positions. */
  public static final int MAX_LAYERS = 8;

  public ModelConfig {
    ConfigException.check(family != null, FAMILY_KEY, "one of mlp, transformer", family);
    ConfigException.check(dModel > 0, D_MODEL_KEY, "an integer > 0", dModel);
    ConfigException.check(heads > 0, HEADS_KEY, "an integer > 0", heads);
    ConfigException.check(dHead > 0, D_HEAD_KEY, "an integer > 0", dHead);
    ConfigException.check(dMlp > 0, D_MLP_KEY, "an integer > 0", dMlp);
    ConfigException.check(depth >= 1 && depth <= MAX_DEPTH, DEPTH_KEY,
        "an integer in [1, " + MAX_DEPTH + "]", depth);
    ConfigException.check(layers >= 1 && layers <= MAX_LAYERS, LAYERS_KEY,
        "an integer in [1, " + MAX_LAYERS + "]", layers);
  }

  /** A model with one transformer block, Nanda et al.'s. */
  public ModelConfig(ModelFamily family, int dModel, int heads, int dHead, int dMlp, int depth,
      boolean bias) {
    this(family, dModel, heads, dHead, dMlp, depth, bias, DEFAULT_LAYERS);
  }

  /** A model with He et al.'s MLP shape: one hidden layer, no biases. */
  public ModelConfig(ModelFamily family, int dModel, int heads, int dHead, int dMlp) {
    this(family, dModel, heads, dHead, dMlp, DEFAULT_DEPTH, DEFAULT_BIAS);
  }

  public static ModelConfig defaults() {
    return new ModelConfig(DEFAULT_FAMILY, DEFAULT_D_MODEL, DEFAULT_HEADS, DEFAULT_D_HEAD,
        DEFAULT_D_MLP);
  }

  /**
   * The default MLP: nothing, so MLP run ids are those of before families existed; an MLP adds
   * its depth and its biases only when they differ from the default. The transformer reads
   * neither, so its pairs leave them out; it adds its layers only when they differ from 1, so
   * one-block run ids are those of before blocks could be stacked.
   */
  public String canonicalSuffix() {
    if (family == ModelFamily.MLP) {
      return (depth != DEFAULT_DEPTH ? ";depth=" + depth : "")
          + (bias != DEFAULT_BIAS ? ";bias=" + bias : "");
    }
    return ";family=" + family.key() + ";d=" + dModel + ";heads=" + heads + ";dhead=" + dHead
        + ";dmlp=" + dMlp + (layers != DEFAULT_LAYERS ? ";layers=" + layers : "");
  }
}
