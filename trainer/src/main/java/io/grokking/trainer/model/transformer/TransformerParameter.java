package io.grokking.trainer.model.transformer;

/**
 * The parameter tensors, in the order they lie in the flat vector ({@link TransformerLayout})
 * and in the order of the PyTorch peer's parameter list; W_Q to b_out belong to a block and
 * exist once per block ({@link #perBlock()}). Each is stored row-major in the shape
 * given here, which is the peer's shape ({@code /work/shared/peer/torch_transformer.py}); the
 * residual stream is a row vector, so a layer is {@code x · W}.
 */
public enum TransformerParameter {
  /** Token embedding, (p+1) × d. */
  W_E("W_E"),
  /** Position embedding, 3 × d. */
  W_POS("W_pos"),
  /** Queries, heads × d × dHead. */
  W_Q("W_Q"),
  /** Keys, heads × d × dHead. */
  W_K("W_K"),
  /** Values, heads × d × dHead. */
  W_V("W_V"),
  /** Output projection of the concatenated heads (head-major), (heads·dHead) × d. */
  W_O("W_O"),
  /** MLP input, d × dMlp. */
  W_IN("W_in"),
  /** MLP input bias, dMlp. */
  B_IN("b_in"),
  /** MLP output, dMlp × d. */
  W_OUT("W_out"),
  /** MLP output bias, d. */
  B_OUT("b_out"),
  /** Unembedding, d × (p+1). */
  W_U("W_U");

  private final String variable;

  TransformerParameter(String variable) {
    this.variable = variable;
  }

  /** The name of this parameter's variable in the SameDiff graph ({@link TransformerGraph}). */
  public String variable() {
    return variable;
  }

  /** This parameter's shape under {@code s}. */
  public long[] shape(TransformerShape s) {
    long d = s.dModel();
    return switch (this) {
      case W_E -> new long[] {s.vocab(), d};
      case W_POS -> new long[] {TransformerShape.CONTEXT, d};
      case W_Q, W_K, W_V -> new long[] {s.heads(), d, s.dHead()};
      case W_O -> new long[] {s.headsWidth(), d};
      case W_IN -> new long[] {d, s.dMlp()};
      case B_IN -> new long[] {s.dMlp()};
      case W_OUT -> new long[] {s.dMlp(), d};
      case B_OUT -> new long[] {d};
      case W_U -> new long[] {d, s.vocab()};
    };
  }

  /** Number of elements under {@code s}. */
  public long size(TransformerShape s) {
    long n = 1;
    for (long k : shape(s)) {
      n *= k;
    }
    return n;
  }

  /** W_Q, W_K, W_V, W_O, W_in, b_in, W_out and b_out: one of each per block. */
  public boolean perBlock() {
    return this != W_E && this != W_POS && this != W_U;
  }

  /** Biases, which start at zero; every other parameter is a matrix drawn from N(0, 1). */
  public boolean isBias() {
    return this == B_IN || this == B_OUT;
  }
}
