package io.grokking.trainer.task.group;

import java.util.stream.IntStream;

/**
 * The key representations of a network, as Chughtai, Chan &amp; Nanda 2023 (Sec. 5, "logit
 * similarity") define them in code ({@code rep_theory/utils/metrics.py}: {@code
 * logit_trace_similarity} and {@code determine_key_reps}): a non-trivial irrep ρ is key when the
 * cosine similarity between the network's logits, centred over the N outputs of each input, and
 * the trace tensor t(x, y, z) = tr ρ(x)ρ(y)ρ(z⁻¹) = χ_ρ(x·y·z⁻¹), both flattened over all N³
 * entries, exceeds {@link #DEFAULT_THRESHOLD}.
 */
public final class KeyRepresentations {
  /**
   * 0.005, the threshold of their {@code Metrics.determine_key_reps}, which wrote the {@code
   * key_reps.txt} of every run; their {@code determine_key_rep_order.py} uses 0.05 when that file
   * is empty.
   */
  public static final double DEFAULT_THRESHOLD = 0.005;

  private KeyRepresentations() {}

  /**
   * The logit similarity of every irrep, indexed like {@link RepresentationBasis#irreps()} (the
   * trivial irrep's is 0 up to rounding, since the logits are centred); NaN for constant logits.
   *
   * @param logits N² rows, row x·N + y holding the N logits of the pair (x, y)
   */
  public static double[] logitSimilarity(RepresentationBasis basis, double[][] logits) {
    FiniteGroup group = basis.group();
    int n = group.order();
    checkLogits(logits, n);
    // byLabel[m][z]: the centred logit z summed over the pairs with x·y = m. The trace tensor
    // depends on (x, y) only through m, so the inner product needs only these sums.
    double[][] byLabel = new double[n][n];
    double norm = 0;
    for (int p = 0; p < n * n; p++) {
      double[] row = logits[p];
      double mean = 0;
      for (double v : row) {
        mean += v;
      }
      mean /= n;
      double[] sum = byLabel[group.multiply(p / n, p % n)];
      for (int z = 0; z < n; z++) {
        double c = row[z] - mean;
        sum[z] += c;
        norm += c * c;
      }
    }
    double[] out = new double[basis.irreps().size()];
    for (int r = 0; r < out.length; r++) {
      Irrep irrep = basis.irreps().get(r);
      double[] character = IntStream.range(0, n).mapToDouble(irrep::character).toArray();
      double dot = 0;
      for (int m = 0; m < n; m++) {
        for (int z = 0; z < n; z++) {
          dot += byLabel[m][z] * character[group.multiply(m, group.inverse(z))];
        }
      }
      // ‖t‖² = N² Σ_g χ(g)²: for each (x, y), z ↦ x·y·z⁻¹ runs over the group once.
      double chiNorm = 0;
      for (double c : character) {
        chiNorm += c * c;
      }
      out[r] = dot / Math.sqrt(norm * (double) n * n * chiNorm);
    }
    return out;
  }

  /** The non-trivial irreps whose logit similarity exceeds the threshold, ascending indices. */
  public static int[] of(RepresentationBasis basis, double[][] logits, double threshold) {
    double[] similarity = logitSimilarity(basis, logits);
    return IntStream.range(1, similarity.length).filter(r -> similarity[r] > threshold).toArray();
  }

  static void checkLogits(double[][] logits, int n) {
    if (logits.length != n * n) {
      throw new IllegalArgumentException(
          "logits must have N² = " + n * n + " rows, found " + logits.length);
    }
    for (int p = 0; p < logits.length; p++) {
      if (logits[p].length != n) {
        throw new IllegalArgumentException(
            "logits row " + p + " must have N = " + n + " entries, found " + logits[p].length);
      }
    }
  }
}
