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
 */
public record ModelConfig(ModelFamily family, int dModel, int heads, int dHead, int dMlp,
    int depth, boolean bias) implements Serializable {
  public static final int DEFAULT_D_MODEL = 128;
  public static final int DEFAULT_HEADS = 4;
  public static final int DEFAULT_D_HEAD = 32;
  public static final int DEFAULT_D_MLP = 512;
  public static final int DEFAULT_DEPTH = 1;
  /** Beyond this a typo, not an experiment: every hidden layer is train.width wide. */
  public static final int MAX_DEPTH = 16;
  public static final boolean DEFAULT_BIAS = false;
  public static final ModelFamily DEFAULT_FAMILY = ModelFamily.MLP;

  public static final Setting FAMILY = Setting.key("model.family").word(DEFAULT_FAMILY.key())
      .allowed("one of mlp, transformer")
      .doc("the network: He et al.'s MLP or Nanda et al.'s one-layer transformer")
      .run("family", "family").absent(DEFAULT_FAMILY.key()).build();
  public static final Setting D_MODEL = Setting.key("model.d-model").integer(DEFAULT_D_MODEL)
      .allowed("an integer > 0").doc("the transformer's residual width").run("d", "d_model")
      .build();
  public static final Setting HEADS = Setting.key("model.heads").integer(DEFAULT_HEADS)
      .allowed("an integer > 0").doc("the transformer's attention heads").run("heads", "heads")
      .build();
  public static final Setting D_HEAD = Setting.key("model.d-head").integer(DEFAULT_D_HEAD)
      .allowed("an integer > 0").doc("the width of each attention head").run("dhead", "d_head")
      .build();
  public static final Setting D_MLP = Setting.key("model.d-mlp").integer(DEFAULT_D_MLP)
      .allowed("an integer > 0").doc("the hidden width of the transformer's MLP")
      .run("dmlp", "d_mlp").build();
  public static final Setting DEPTH = Setting.key("model.depth").integer(DEFAULT_DEPTH)
      .allowed("an integer in [1, " + MAX_DEPTH + "]")
      .doc("the MLP's hidden layers, each train.width wide; 1 is He et al.'s network")
      .run("depth", "depth").absent(String.valueOf(DEFAULT_DEPTH)).build();
  public static final Setting BIAS = Setting.key("model.bias").bool(DEFAULT_BIAS)
      .allowed("true or false")
      .doc("whether every layer of the MLP, the output layer included, adds a bias (from zero)")
      .run("bias", "bias").absent(String.valueOf(DEFAULT_BIAS)).build();
  public static final String FAMILY_KEY = FAMILY.key();
  public static final String D_MODEL_KEY = D_MODEL.key();
  public static final String HEADS_KEY = HEADS.key();
  public static final String D_HEAD_KEY = D_HEAD.key();
  public static final String D_MLP_KEY = D_MLP.key();
  public static final String DEPTH_KEY = DEPTH.key();
  public static final String BIAS_KEY = BIAS.key();

  /** This record's settings, in the order of a run's canonical configuration. */
  public static final java.util.List<Setting> SETTINGS = java.util.List.of(FAMILY, D_MODEL,
      HEADS, D_HEAD, D_MLP, DEPTH, BIAS);

  public ModelConfig {
    FAMILY.check(family != null, family);
    D_MODEL.check(dModel > 0, dModel);
    HEADS.check(heads > 0, heads);
    D_HEAD.check(dHead > 0, dHead);
    D_MLP.check(dMlp > 0, dMlp);
    DEPTH.check(depth >= 1 && depth <= MAX_DEPTH, depth);
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
   * neither, so its pairs leave them out.
   */
  public String canonicalSuffix() {
    if (family == ModelFamily.MLP) {
      return (depth != DEFAULT_DEPTH ? ";depth=" + depth : "")
          + (bias != DEFAULT_BIAS ? ";bias=" + bias : "");
    }
    return ";family=" + family.key() + ";d=" + dModel + ";heads=" + heads + ";dhead=" + dHead
        + ";dmlp=" + dMlp;
  }
}
