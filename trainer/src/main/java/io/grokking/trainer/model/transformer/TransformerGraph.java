package io.grokking.trainer.model.transformer;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The transformer as a DL4J SameDiff graph, computing every position as Nanda et al.'s
 * {@code transformers.py} does: gather-embedding plus position embedding, causal attention over
 * the three positions, residual, ReLU MLP, residual, once per block ({@code model.layers}),
 * then the unembedding; logits read at {@code =}. Its variables are named {@link
 * TransformerLayout.Slot#variable()} and have the parameters' shapes.
 * It is the reference the fast {@link TransformerPasses} is tested against, and the form in
 * which DL4J saves and loads the model ({@code sd.save(file, true)}, {@code SameDiff.load}).
 */
public final class TransformerGraph {
  /**
   * Placeholder: the tokens {@code a b p} one-hot, n × 3 × (p+1), of the parameters' type. (A
   * gather of W_E by index computes the same forward pass, but SameDiff 1.0.0-M2.1's gradient of a
   * gather by an n × 3 index array came out wrong, so the embedding is a product.)
   */
  public static final String TOKENS = "tokens";
  /** Placeholder: one-hot labels, n × (p+1), of the parameters' type. */
  public static final String LABELS = "labels";
  /** Output: logits at {@code =}, n × (p+1). */
  public static final String LOGITS = "logits";
  /** Output and loss variable: mean cross-entropy over all p + 1 logits. */
  public static final String LOSS = "loss";
  /** Output: the last block's MLP activations at every position, n × 3 × dMlp. */
  public static final String MLP_POST = "mlp_post";

  /** Scores above the diagonal before the softmax, as in Nanda et al. */
  private static final double MASKED = -1e10;

  private TransformerGraph() {}

  /** A graph whose variables hold the parameters of {@code flat}, in {@code flat}'s type. */
  public static SameDiff build(TransformerLayout layout, INDArray flat) {
    TransformerShape s = layout.shape();
    DataType type = flat.dataType();
    int d = s.dModel();
    int heads = s.heads();
    int dHead = s.dHead();
    int ctx = TransformerShape.CONTEXT;
    SameDiff sd = SameDiff.create();
    SDVariable tokens = sd.placeHolder(TOKENS, type, -1, ctx, s.vocab());
    SDVariable labels = sd.placeHolder(LABELS, type, -1, s.vocab());
    Map<TransformerLayout.Slot, SDVariable> v = new HashMap<>();
    for (TransformerLayout.Slot slot : layout.slots()) {
      INDArray value = layout.view(flat, slot).dup('c').reshape('c', slot.param().shape(s));
      v.put(slot, sd.var(slot.variable(), value));
    }

    SDVariable resid = tokens.reshape(-1, s.vocab())
        .mmul(v.get(layout.slot(TransformerParameter.W_E, 0)))
        .reshape(-1, ctx, d).add(v.get(layout.slot(TransformerParameter.W_POS, 0))); // n, 3, d
    INDArray mask = Nd4j.zeros(type, ctx, ctx);
    for (int i = 0; i < ctx; i++) {
      for (int j = i + 1; j < ctx; j++) {
        mask.putScalar(i, j, MASKED);
      }
    }
    SDVariable causal = sd.constant("causal_mask", mask);
    for (int block = 0; block < s.layers(); block++) {
      int b = block;
      Function<TransformerParameter, SDVariable> p = param -> v.get(layout.slot(param, b));
      SDVariable flatResid = resid.reshape(-1, d);                             // n·3, d
      SDVariable q = heads(flatResid, p.apply(TransformerParameter.W_Q), s);   // n, H, 3, dh
      SDVariable k = heads(flatResid, p.apply(TransformerParameter.W_K), s);
      SDVariable val = heads(flatResid, p.apply(TransformerParameter.W_V), s);
      SDVariable scores = q.reshape(-1, heads, ctx, 1, dHead)
          .mul(k.reshape(-1, heads, 1, ctx, dHead)).sum(4).div(Math.sqrt(dHead)); // n, H, q, k
      SDVariable attn = sd.nn().softmax(scores.add(causal), 3);
      SDVariable z = attn.reshape(-1, heads, ctx, ctx, 1)
          .mul(val.reshape(-1, heads, 1, ctx, dHead)).sum(3)                 // n, H, 3, dh
          .permute(0, 2, 1, 3).reshape(-1, s.headsWidth());                    // n·3, H·dh
      SDVariable mid = flatResid.add(z.mmul(p.apply(TransformerParameter.W_O)));
      SDVariable post = sd.nn().relu(mid.mmul(p.apply(TransformerParameter.W_IN))
          .add(p.apply(TransformerParameter.B_IN)), 0);
      if (block == s.layers() - 1) {
        sd.identity(MLP_POST, post.reshape(-1, ctx, s.dMlp()));
      }
      resid = mid.add(post.mmul(p.apply(TransformerParameter.W_OUT)))
          .add(p.apply(TransformerParameter.B_OUT)).reshape(-1, ctx, d);
    }
    SDVariable out = resid;
    SDVariable atEquals = out.get(SDIndex.all(), SDIndex.point(TransformerShape.READOUT),
        SDIndex.all());
    SDVariable logits = sd.identity(LOGITS,
        atEquals.mmul(v.get(layout.slot(TransformerParameter.W_U, 0))));
    // log-softmax by hand: SameDiff 1.0.0-M2.1's reduce_logsumexp fails in its backward pass.
    SDVariable shifted = logits.sub(logits.max(true, 1));
    SDVariable logProbs = shifted.sub(sd.math().log(sd.math().exp(shifted).sum(true, 1)));
    SDVariable loss = logProbs.mul(labels).sum(1).mean().neg(LOSS);
    sd.setLossVariables(loss);
    return sd;
  }

  /** x (n·3 × d) times each head of W (H × d × dh), as n × H × 3 × dh. */
  private static SDVariable heads(SDVariable x, SDVariable w, TransformerShape s) {
    SDVariable wide = w.permute(1, 0, 2).reshape(s.dModel(), s.headsWidth());
    return x.mmul(wide).reshape(-1, TransformerShape.CONTEXT, s.heads(), s.dHead())
        .permute(0, 2, 1, 3);
  }

  /** Copies the flat vector into the graph's variables. */
  public static void load(TransformerLayout layout, INDArray flat, SameDiff sd) {
    TransformerShape s = layout.shape();
    for (TransformerLayout.Slot slot : layout.slots()) {
      INDArray target = sd.getVariable(slot.variable()).getArr();
      target.assign(layout.view(flat, slot).reshape('c', slot.param().shape(s)));
    }
  }

  /** Copies the graph's variables into the flat vector. */
  public static void store(SameDiff sd, TransformerLayout layout, INDArray flat) {
    for (TransformerLayout.Slot slot : layout.slots()) {
      INDArray source = sd.getVariable(slot.variable()).getArr();
      INDArray target = layout.view(flat, slot);
      target.assign(source.reshape('c', target.shape()));
    }
  }

  /** The placeholders for pairs (a_i, b_i) with labels: tokens {@code a b p} and one-hot labels. */
  public static Map<String, INDArray> placeholders(TransformerShape s, int[] a, int[] b,
      int[] labels, DataType type) {
    int n = a.length;
    INDArray tokens = Nd4j.zeros(type, n, TransformerShape.CONTEXT, s.vocab());
    INDArray oneHot = Nd4j.zeros(type, n, s.vocab());
    for (int i = 0; i < n; i++) {
      tokens.putScalar(new long[] {i, 0, a[i]}, 1.0);
      tokens.putScalar(new long[] {i, 1, b[i]}, 1.0);
      tokens.putScalar(new long[] {i, 2, s.equalsToken()}, 1.0);
      oneHot.putScalar(i, labels[i], 1.0);
    }
    Map<String, INDArray> map = new HashMap<>();
    map.put(TOKENS, tokens);
    map.put(LABELS, oneHot);
    return map;
  }
}
