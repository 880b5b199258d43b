package io.grokking.trainer.fourier;

import java.util.List;

/**
 * One hidden neuron j in the Fourier basis: its input weights θ_j (column j of W_in) and output
 * weights ξ_j (row j of W_out). He et al. 2026 (Sec. 2) find after training θ_j[n] ≈ α_j·cos(ω_k n
 * + φ_j) and ξ_j[n] ≈ β_j·cos(ω_k n + ψ_j) with ψ_j ≈ 2φ_j.
 *
 * <p>{@code input} is the spectrum of the weights on a (the whole column for the {@code sum}
 * encoding, its first p rows for {@code concat}); {@code inputEnergy} is the energy of the whole
 * column, so for {@code concat} it adds the a and b blocks. {@code dominant} is the frequency
 * k ≥ 1 with the most input plus output energy; the constant k = 0 never dominates because it
 * carries no information about a + b. It is 0 only for a neuron with no non-constant weight.
 */
public record NeuronSpectrum(FourierBasis.Spectrum input, double[] inputEnergy,
    FourierBasis.Spectrum output, int dominant) {

  /** Each frequency's input energy summed over {@code neurons}, in neuron order. */
  public static double[] inputTotals(List<NeuronSpectrum> neurons) {
    return totals(neurons, NeuronSpectrum::inputEnergy);
  }

  /** Each frequency's output energy summed over {@code neurons}, in neuron order. */
  public static double[] outputTotals(List<NeuronSpectrum> neurons) {
    return totals(neurons, NeuronSpectrum::outputEnergy);
  }

  private static double[] totals(List<NeuronSpectrum> neurons,
      java.util.function.Function<NeuronSpectrum, double[]> energy) {
    double[] sum = new double[energy.apply(neurons.get(0)).length];
    for (NeuronSpectrum n : neurons) {
      double[] e = energy.apply(n);
      for (int k = 0; k < sum.length; k++) {
        sum[k] += e[k];
      }
    }
    return sum;
  }

  /** Input amplitude α at the dominant frequency. */
  public double alpha() {
    return input.amplitude()[dominant];
  }

  /** Output amplitude β at the dominant frequency. */
  public double beta() {
    return output.amplitude()[dominant];
  }

  /** Input phase φ at the dominant frequency, in [−π, π]. */
  public double phi() {
    return input.phase()[dominant];
  }

  /** Output phase ψ at the dominant frequency, in [−π, π]. */
  public double psi() {
    return output.phase()[dominant];
  }

  public double[] outputEnergy() {
    return output.energy();
  }

  /** K, the number of non-constant frequencies. */
  public int frequencies() {
    return inputEnergy.length - 1;
  }
}
