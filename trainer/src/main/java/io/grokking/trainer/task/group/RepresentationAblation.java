package io.grokking.trainer.task.group;

import io.grokking.trainer.loss.CrossEntropy;

/**
 * Restricted and excluded loss over key representations (Chughtai, Chan &amp; Nanda 2023, Sec. 5;
 * {@code rep_theory/utils/metrics.py}, {@code total_hidden_excluded_and_restricted_loss}).
 *
 * <p>Their code projects the hidden activations, as functions of the pair (x, y) over all N²
 * pairs, onto the span of (x, y) ↦ ρ(x·y)_{ij} for the key irreps ρ, and maps the restricted and
 * the excluded (the rest) hidden activations to logits through the unembedding. That projection
 * acts on the pair index and the unembedding on the other side, so the two commute: projecting the
 * logits themselves gives the same restricted and excluded logits. Those are what this class
 * computes, for any matrix with one row per pair.
 *
 * <p>A function of x·y alone projects by summing it over the N pairs of each x·y = m, projecting
 * that function of m onto the irreps' spans ({@link RepresentationBasis}) and dividing by N. So
 * the restricted logits of a pair depend on x·y alone: {@link #of} keeps one row per product m
 * (N × N numbers, not N² × N) and forms each excluded row only when its loss is taken, which a
 * measurement at every evaluation step of S5 (N = 120) needs.
 *
 * @param restrictedLoss mean cross-entropy of the restricted logits over all N² pairs, as they do
 * @param excludedLoss mean cross-entropy of the excluded logits over the training pairs, as they do
 */
public record RepresentationAblation(double restrictedLoss, double excludedLoss) {

  /**
   * Their restricted and excluded losses, labels x·y.
   *
   * @param logits N² rows, row x·N + y holding the N logits of (x, y)
   * @param key irrep indices (their key representations never include the trivial one)
   * @param trainPairs the training pair indices x·N + y
   */
  public static RepresentationAblation of(RepresentationBasis basis, double[][] logits, int[] key,
      int[] trainPairs) {
    FiniteGroup group = basis.group();
    int n = group.order();
    double[][] byProduct = restrictedByProduct(basis, logits, key);
    CrossEntropy loss = new CrossEntropy();
    double[] unusedGradient = new double[n];
    // each product m is the label of exactly N pairs, all with the restricted row byProduct[m]
    double restricted = 0;
    for (int m = 0; m < n; m++) {
      restricted += loss.row(byProduct[m], m, unusedGradient);
    }
    double excluded = 0;
    double[] row = new double[n];
    for (int p : trainPairs) {
      int label = group.multiply(p / n, p % n);
      for (int c = 0; c < n; c++) {
        row[c] = logits[p][c] - byProduct[label][c];
      }
      excluded += loss.row(row, label, unusedGradient);
    }
    return new RepresentationAblation(restricted / n, excluded / trainPairs.length);
  }

  /**
   * Row m: the {@link #restrict restricted} row of every pair (x, y) with x·y = m.
   */
  private static double[][] restrictedByProduct(RepresentationBasis basis, double[][] m,
      int[] irreps) {
    FiniteGroup group = basis.group();
    int n = group.order();
    if (m.length != n * n) {
      throw new IllegalArgumentException(
          "the matrix must have N² = " + n * n + " rows, found " + m.length);
    }
    int width = m[0].length;
    double[][] byLabel = new double[width][n];
    for (int p = 0; p < m.length; p++) {
      int label = group.multiply(p / n, p % n);
      for (int c = 0; c < width; c++) {
        byLabel[c][label] += m[p][c];
      }
    }
    double[][] out = new double[n][width];
    for (int c = 0; c < width; c++) {
      double[] projected = basis.project(byLabel[c], irreps);
      for (int label = 0; label < n; label++) {
        out[label][c] = projected[label] / n;
      }
    }
    return out;
  }

  /**
   * The projection of every column of m (N² rows, row x·N + y) onto the span of the functions
   * (x, y) ↦ ρ(x·y)_{ij} of the given irreps.
   */
  public static double[][] restrict(RepresentationBasis basis, double[][] m, int[] irreps) {
    FiniteGroup group = basis.group();
    int n = group.order();
    double[][] byProduct = restrictedByProduct(basis, m, irreps);
    double[][] out = new double[m.length][];
    for (int p = 0; p < m.length; p++) {
      out[p] = byProduct[group.multiply(p / n, p % n)].clone();
    }
    return out;
  }

  /** m minus its {@link #restrict restriction} to the given irreps. */
  public static double[][] exclude(RepresentationBasis basis, double[][] m, int[] irreps) {
    double[][] restricted = restrict(basis, m, irreps);
    double[][] out = new double[m.length][];
    for (int p = 0; p < m.length; p++) {
      out[p] = m[p].clone();
      for (int c = 0; c < out[p].length; c++) {
        out[p][c] -= restricted[p][c];
      }
    }
    return out;
  }

  /** Mean over the given pairs of −log softmax(logits[p])[x·y] ({@link CrossEntropy}). */
  public static double meanCrossEntropy(FiniteGroup group, double[][] logits, int[] pairs) {
    int n = group.order();
    CrossEntropy loss = new CrossEntropy();
    double[] unusedGradient = new double[n];
    double sum = 0;
    for (int p : pairs) {
      sum += loss.row(logits[p], group.multiply(p / n, p % n), unusedGradient);
    }
    return sum / pairs.length;
  }
}
