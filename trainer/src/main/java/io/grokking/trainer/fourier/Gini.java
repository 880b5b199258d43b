package io.grokking.trainer.fourier;

/**
 * The Gini coefficient of a non-negative vector, G = Σ_i Σ_j |x_i − x_j| / (2 n Σ_i x_i): 0 when
 * every entry is equal, (n − 1)/n when one entry holds everything. Nanda et al. 2023 follow it
 * over training as the sparsity of the embedding's and unembedding's Fourier spectra.
 */
public final class Gini {
  private Gini() {}

  /** G of the whole vector, or NaN when it sums to zero (no spread to measure). */
  public static double of(double[] x) {
    return of(x, 0, x.length);
  }

  /** G of x[from, to), e.g. the non-constant frequencies k = 1..K of a spectrum. */
  public static double of(double[] x, int from, int to) {
    if (from < 0 || to > x.length || from >= to) {
      throw new IllegalArgumentException("range must be a non-empty part of [0, " + x.length
          + "), found [" + from + ", " + to + ")");
    }
    double sum = 0;
    for (int i = from; i < to; i++) {
      if (!(x[i] >= 0)) {
        throw new IllegalArgumentException(
            "entries must be non-negative, found " + x[i] + " at " + i);
      }
      sum += x[i];
    }
    if (!(sum > 0)) {
      return Double.NaN;
    }
    // Σ_i Σ_j |x_i − x_j| = 2 Σ_{i<j} |x_i − x_j|; n is at most K + 1 here, so the double loop is
    // cheaper to read than the sorted form and costs nothing.
    double pairs = 0;
    for (int i = from; i < to; i++) {
      for (int j = i + 1; j < to; j++) {
        pairs += Math.abs(x[i] - x[j]);
      }
    }
    int n = to - from;
    return 2 * pairs / (2.0 * n * sum);
  }
}
