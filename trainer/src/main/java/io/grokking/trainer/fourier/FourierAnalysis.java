package io.grokking.trainer.fourier;

import java.util.ArrayList;
import java.util.List;

/**
 * Projects every hidden neuron's weights onto the Fourier basis of Z_p. Costs O(width·p²) per
 * call, so it runs at evaluation steps only.
 */
public final class FourierAnalysis {
  private FourierAnalysis() {}

  /**
   * The spectrum of each neuron.
   *
   * @param wIn W_in as (in × width): column j holds neuron j's input weights over the residues,
   *     in = p for the {@code sum} encoding and 2p for {@code concat} (rows 0..p−1 for a, p..2p−1
   *     for b)
   * @param wOut W_out as (width × p): row j holds neuron j's output weights over the residues
   */
  public static List<NeuronSpectrum> analyze(double[][] wIn, double[][] wOut, int p,
      boolean concat) {
    return analyze(wIn, wOut, FourierBasis.of(p), concat);
  }

  /** As {@link #analyze(double[][], double[][], int, boolean)}, reusing a basis. */
  public static List<NeuronSpectrum> analyze(double[][] wIn, double[][] wOut, FourierBasis basis,
      boolean concat) {
    int p = basis.modulus();
    int in = concat ? 2 * p : p;
    if (wIn.length != in) {
      throw new IllegalArgumentException("W_in must have " + in + " rows for p = " + p
          + (concat ? " (concat)" : " (sum)") + ", found " + wIn.length);
    }
    int width = wIn[0].length;
    if (wOut.length != width) {
      throw new IllegalArgumentException(
          "W_out must have one row per neuron (" + width + "), found " + wOut.length);
    }
    List<NeuronSpectrum> neurons = new ArrayList<>(width);
    for (int j = 0; j < width; j++) {
      if (wOut[j].length != p) {
        throw new IllegalArgumentException(
            "W_out row " + j + " must have p = " + p + " entries, found " + wOut[j].length);
      }
      FourierBasis.Spectrum input = basis.project(column(wIn, j, 0, p));
      double[] inputEnergy = input.energy();
      if (concat) {
        double[] b = basis.project(column(wIn, j, p, p)).energy();
        inputEnergy = inputEnergy.clone();
        for (int k = 0; k < b.length; k++) {
          inputEnergy[k] += b[k];
        }
      }
      FourierBasis.Spectrum output = basis.project(wOut[j]);
      neurons.add(new NeuronSpectrum(input, inputEnergy, output,
          dominant(inputEnergy, output.energy())));
    }
    return neurons;
  }

  /** Each neuron's dominant frequency, in neuron order. */
  public static int[] dominant(List<NeuronSpectrum> neurons) {
    return neurons.stream().mapToInt(NeuronSpectrum::dominant).toArray();
  }

  /** argmax over k ≥ 1 of input + output energy, the lowest k on ties, 0 if all are zero. */
  static int dominant(double[] inputEnergy, double[] outputEnergy) {
    int best = 0;
    double bestEnergy = 0;
    for (int k = 1; k < inputEnergy.length; k++) {
      double e = inputEnergy[k] + outputEnergy[k];
      if (e > bestEnergy) {
        best = k;
        bestEnergy = e;
      }
    }
    return best;
  }

  private static double[] column(double[][] w, int j, int from, int length) {
    double[] out = new double[length];
    for (int n = 0; n < length; n++) {
      out[n] = w[from + n][j];
    }
    return out;
  }
}
