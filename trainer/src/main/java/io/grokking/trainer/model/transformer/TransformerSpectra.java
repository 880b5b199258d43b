package io.grokking.trainer.model.transformer;

import io.grokking.trainer.fourier.FourierBasis;
import java.util.Arrays;

/**
 * The bookkeeping of the 2-D Fourier step for a set of neurons: the basis of {@link FourierBasis}
 * as a p × p matrix, and per neuron the energy of its coefficients c[u][v] gathered by frequency
 * block. Centring a table only changes its const×const coefficient (the constant is basis vector
 * 0 on both axes), so the step drops that coefficient instead of subtracting the mean.
 */
final class TransformerSpectra {
  /**
   * A table's centred energy below this share of its raw energy counts as zero: rounding leaves
   * about 1e-14 (float64) to 1e-10 (float32, summed over p² terms) of a constant table's energy
   * outside const×const, while a neuron that varies at all is far above.
   */
  static final double CONSTANT_FLOOR = 1e-8;

  private final int frequencies;
  private final double[][] vectors;
  private final int[] frequencyOf;
  private final double[][] energy;
  private final double[] total;
  private final double[] mean;

  TransformerSpectra(FourierBasis basis, int neurons) {
    int p = basis.modulus();
    this.frequencies = basis.frequencies();
    this.vectors = new double[p][p];
    this.frequencyOf = new int[p];
    // Row order: const, then cos k and (when paired) sin k for k = 1..K.
    int[] cosRow = new int[frequencies + 1];
    int[] sinRow = new int[frequencies + 1];
    int u = 0;
    for (int k = 0; k <= frequencies; k++) {
      cosRow[k] = u;
      frequencyOf[u++] = k;
      sinRow[k] = -1;
      if (basis.paired(k)) {
        sinRow[k] = u;
        frequencyOf[u++] = k;
      }
    }
    // FourierBasis keeps its vectors to itself; the coefficients of the unit vector δ_n are the
    // n-th entries of the basis vectors, recovered from its documented amplitude and phase:
    // c = A√(p/2)·cos φ and s = −A√(p/2)·sin φ for a paired k, c = A√p·cos φ (φ ∈ {0, π}) else.
    double[] delta = new double[p];
    for (int n = 0; n < p; n++) {
      delta[n] = 1;
      FourierBasis.Spectrum s = basis.project(delta);
      delta[n] = 0;
      for (int k = 0; k <= frequencies; k++) {
        double a = s.amplitude()[k];
        double phi = s.phase()[k];
        if (sinRow[k] >= 0) {
          double scale = a * Math.sqrt(p / 2.0);
          vectors[cosRow[k]][n] = scale * Math.cos(phi);
          vectors[sinRow[k]][n] = -scale * Math.sin(phi);
        } else {
          vectors[cosRow[k]][n] = a * Math.sqrt(p) * Math.cos(phi);
        }
      }
    }
    this.energy = new double[neurons][frequencies + 1];
    this.total = new double[neurons];
    this.mean = new double[neurons];
  }

  /** The orthonormal basis, one vector per row; row u belongs to frequency {@link #frequencyOf}. */
  double[][] vectors() {
    return vectors;
  }

  int frequencyOf(int u) {
    return frequencyOf[u];
  }

  void clear() {
    for (double[] e : energy) {
      Arrays.fill(e, 0);
    }
    Arrays.fill(total, 0);
    Arrays.fill(mean, 0);
  }

  /**
   * Adds neuron j's coefficient c[u][v]: to its total, and to frequency k when both axes lie in
   * {const, k}. A term mixing two different non-zero frequencies counts in the total only.
   */
  void add(int j, int u, int v, double c) {
    double e = c * c;
    int ku = frequencyOf[u];
    int kv = frequencyOf[v];
    if (ku == 0 && kv == 0) {
      mean[j] += e;
      return;
    }
    total[j] += e;
    if (ku == kv || ku == 0) {
      energy[j][kv] += e;
    } else if (kv == 0) {
      energy[j][ku] += e;
    }
  }

  /** Neuron j from the coefficients added since the last {@link #clear}. */
  TransformerNeuron neuron(int j) {
    double[] e = energy[j].clone();
    double t = total[j];
    if (!(t > CONSTANT_FLOOR * (t + mean[j]))) {
      return new TransformerNeuron(TransformerNeuron.NO_FREQUENCY, Double.NaN, e, t);
    }
    int best = 1;
    for (int k = 2; k <= frequencies; k++) {
      if (e[k] > e[best]) {
        best = k;
      }
    }
    if (!(e[best] > CONSTANT_FLOOR * t)) {
      // All of its variation mixes two frequencies: no single k describes it.
      return new TransformerNeuron(TransformerNeuron.NO_FREQUENCY, Double.NaN, e, t);
    }
    return new TransformerNeuron(best, Math.min(1.0, e[best] / t), e, t);
  }
}
