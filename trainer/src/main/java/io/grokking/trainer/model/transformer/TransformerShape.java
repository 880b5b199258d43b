package io.grokking.trainer.model.transformer;

/**
 * Sizes of the transformer of Nanda et al. 2023 (their {@code transformers.py}): vocabulary
 * p + 1 (the token p is {@code =}), context 3 ({@code a b =}), residual width {@code dModel},
 * and {@code layers} blocks (their {@code num_layers}; they train 1, Power et al. 2022 train 2),
 * each of {@code heads} attention heads of width {@code dHead} and an MLP of width {@code dMlp}.
 */
public record TransformerShape(int p, int dModel, int heads, int dHead, int dMlp, int layers) {
  public static final int DEFAULT_D_MODEL = 128;
  public static final int DEFAULT_HEADS = 4;
  public static final int DEFAULT_D_HEAD = 32;
  public static final int DEFAULT_D_MLP = 512;
  /** Nanda et al.'s one block. */
  public static final int DEFAULT_LAYERS = 1;
  /** Positions {@code a}, {@code b}, {@code =}. */
  public static final int CONTEXT = 3;
  /** The position whose logits are read out. */
  public static final int READOUT = 2;

  public TransformerShape {
    if (p < 2) {
      throw new IllegalArgumentException("p must be 2 or greater, found " + p);
    }
    if (dModel < 1) {
      throw new IllegalArgumentException("dModel must be 1 or greater, found " + dModel);
    }
    if (heads < 1) {
      throw new IllegalArgumentException("heads must be 1 or greater, found " + heads);
    }
    if (dHead < 1) {
      throw new IllegalArgumentException("dHead must be 1 or greater, found " + dHead);
    }
    if (dMlp < 1) {
      throw new IllegalArgumentException("dMlp must be 1 or greater, found " + dMlp);
    }
    if (layers < 1) {
      throw new IllegalArgumentException("layers must be 1 or greater, found " + layers);
    }
  }

  /** One block, Nanda et al.'s depth. */
  public TransformerShape(int p, int dModel, int heads, int dHead, int dMlp) {
    this(p, dModel, heads, dHead, dMlp, DEFAULT_LAYERS);
  }

  /** Nanda et al.'s sizes: d_model 128, 4 heads of 32, d_mlp 512. */
  public static TransformerShape of(int p) {
    return new TransformerShape(p, DEFAULT_D_MODEL, DEFAULT_HEADS, DEFAULT_D_HEAD, DEFAULT_D_MLP);
  }

  /** p + 1 tokens: the residues and {@code =}. */
  public int vocab() {
    return p + 1;
  }

  /** The token {@code =}. */
  public int equalsToken() {
    return p;
  }

  /** Width of the concatenated head outputs, heads · dHead. */
  public int headsWidth() {
    return heads * dHead;
  }
}
