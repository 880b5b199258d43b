package io.grokking.trainer.config;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Which network a run trains, and the transformer's dimensions (Nanda et al. 2023, "Progress
 * measures for grokking via mechanistic interpretability", Sec. 3 and their {@code
 * transformers.py}: d_model 128, 4 heads of 32, d_mlp 512). The MLP's own settings are
 * {@code train.width}, {@code train.activation}, {@code train.encoding} and {@code
 * train.init-scale} (or {@code train.init-std}), and its depth and biases here; the transformer reads
 * none of them, and the MLP none of the transformer's dimensions.
 *
 * @param family the name of a registered family ({@link Families}): mlp or transformer
 *     (model.family)
 * @param dModel width of the transformer's residual stream (model.d-model)
 * @param heads attention heads (model.heads)
 * @param dHead width of each head (model.d-head)
 * @param dMlp hidden width of the transformer's MLP (model.d-mlp)
 * @param depth the MLP's hidden layers, each train.width wide; 1 is He et al.'s network
 *     (model.depth)
 * @param bias whether every layer of the MLP adds a bias; He et al.'s network has none
 *     (model.bias)
 * @param options the values of the settings the family declares itself ({@link
 *     FamilySpec#options()}), by key; one left out takes its default
 */
public record ModelConfig(String family, int dModel, int heads, int dHead, int dMlp,
    int depth, boolean bias, Map<String, Object> options) implements Serializable {
  public static final int DEFAULT_D_MODEL = 128;
  public static final int DEFAULT_HEADS = 4;
  public static final int DEFAULT_D_HEAD = 32;
  public static final int DEFAULT_D_MLP = 512;
  public static final int DEFAULT_DEPTH = 1;
  /** Beyond this a typo, not an experiment: every hidden layer is train.width wide. */
  public static final int MAX_DEPTH = 16;
  public static final boolean DEFAULT_BIAS = false;
  /** He et al.'s MLP, the family of every run written before families existed. */
  public static final String DEFAULT_FAMILY = "mlp";

  public static final Setting FAMILY = Setting.key("model.family").word(DEFAULT_FAMILY)
      .allowed("one of " + String.join(", ", Families.names()))
      .doc("the network: a registered family (mlp: He et al. 2026; transformer: Nanda et al. 2023; embed-mlp: Chughtai et al. 2023)")
      .run("family", "family").absent(DEFAULT_FAMILY).build();
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
  public static final List<Setting> SETTINGS = List.of(FAMILY, D_MODEL,
      HEADS, D_HEAD, D_MLP, DEPTH, BIAS);

  public ModelConfig {
    FAMILY.check(family != null && Families.names().contains(family), family);
    D_MODEL.check(dModel > 0, dModel);
    HEADS.check(heads > 0, heads);
    D_HEAD.check(dHead > 0, dHead);
    D_MLP.check(dMlp > 0, dMlp);
    DEPTH.check(depth >= 1 && depth <= MAX_DEPTH, depth);
    options = Setting.checkedOptions(options, Families.of(family).options(),
        FAMILY_KEY + " = " + family);
  }

  /** A model of the families whose settings are all fields of this record. */
  public ModelConfig(String family, int dModel, int heads, int dHead, int dMlp, int depth,
      boolean bias) {
    this(family, dModel, heads, dHead, dMlp, depth, bias, Map.of());
  }

  /** The value of the family's own setting {@code s}: the one given, else its default. */
  public Object option(Setting s) {
    return options.getOrDefault(s.key(), s.defaultValue());
  }

  /** A model with He et al.'s MLP shape: one hidden layer, no biases. */
  public ModelConfig(String family, int dModel, int heads, int dHead, int dMlp) {
    this(family, dModel, heads, dHead, dMlp, DEFAULT_DEPTH, DEFAULT_BIAS);
  }

  public static ModelConfig defaults() {
    return new ModelConfig(DEFAULT_FAMILY, DEFAULT_D_MODEL, DEFAULT_HEADS, DEFAULT_D_HEAD,
        DEFAULT_D_MLP);
  }

  /** The family this model is of. */
  public FamilySpec spec() {
    return Families.of(family);
  }
}
