package io.grokking.trainer.model.transformer;

import io.grokking.trainer.fourier.FourierBasis;

/**
 * One MLP neuron of the transformer, read through the 2-D Fourier transform of its activations
 * at {@code =} over all p² inputs (Nanda et al. 2023, Sec. 4–5; see {@link TransformerProbe}).
 *
 * @param frequency the k in 1..K whose block {const, cos k, sin k}² holds the largest share of
 *     the neuron's centred energy (the lowest such k on a tie), or {@link #NO_FREQUENCY} when the
 *     table is constant (a dead neuron, all zeros, included) or all its variation lies in terms
 *     mixing two different frequencies
 * @param share that block's energy over the neuron's centred energy, in [0, 1]; NaN without a
 *     frequency
 * @param energy indexed k = 0..K: energy[k] for k ≥ 1 is the centred energy in the block of k
 *     (the const×cos k, const×sin k, cos k×const, sin k×const and the four k×k terms);
 *     energy[0] is 0, the const×const term being the mean that centring removes
 * @param total the centred energy Σ_{a,b} (A[a][b] − mean)², which also counts the terms mixing
 *     two different non-zero frequencies
 */
public record TransformerNeuron(int frequency, double share, double[] energy, double total) {
  /** The frequency of a neuron whose activation does not vary over the inputs. */
  public static final int NO_FREQUENCY = -1;

  /** True when the neuron has a frequency. */
  public boolean live() {
    return frequency != NO_FREQUENCY;
  }

  /**
   * The 2-D step on one p × p table A[a][b], for any function of (a, b): what {@link
   * TransformerProbe} does to every neuron at once.
   */
  public static TransformerNeuron of(double[][] table, FourierBasis basis) {
    int p = basis.modulus();
    if (table.length != p) {
      throw new IllegalArgumentException("table must have p = " + p + " rows, found "
          + table.length);
    }
    TransformerSpectra spectra = new TransformerSpectra(basis, 1);
    double[][] f = spectra.vectors();
    // rows[u][b] = Σ_a f_u[a] A[a][b], then c[u][v] = Σ_b rows[u][b] f_v[b].
    double[][] rows = new double[p][p];
    for (int a = 0; a < p; a++) {
      if (table[a].length != p) {
        throw new IllegalArgumentException("table row " + a + " must have p = " + p
            + " entries, found " + table[a].length);
      }
      for (int u = 0; u < p; u++) {
        double fa = f[u][a];
        for (int b = 0; b < p; b++) {
          rows[u][b] += fa * table[a][b];
        }
      }
    }
    for (int u = 0; u < p; u++) {
      for (int v = 0; v < p; v++) {
        double c = 0;
        for (int b = 0; b < p; b++) {
          c += rows[u][b] * f[v][b];
        }
        spectra.add(0, u, v, c);
      }
    }
    return spectra.neuron(0);
  }
}
