package io.grokking.trainer.fourier;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The per-step aggregate Fourier measures of the hidden layer (He et al. 2026, Sec. 2: single
 * frequency per neuron, phase alignment, frequency diversification). Only the non-constant
 * frequencies k = 1..K count; a neuron whose dominant frequency is 0 (no non-constant weight at
 * all) is left out of every measure.
 *
 * @param ipr inverse participation ratio of a neuron's spectrum: with shares s_k = e_k / Σ_k' e_k'
 *     over k = 1..K, IPR = Σ_k s_k², 1 for a single frequency and 1/K for a flat spectrum; the mean
 *     over neurons and over both layers (input and output). For i.i.d. Gaussian weights the
 *     energies are i.i.d. exponential, the shares Dirichlet(1, …, 1), and E[IPR] = 2/(K+1); see
 *     {@link #expectedRandomIpr}
 * @param nFrequencies number of distinct dominant frequencies across neurons
 * @param fourierSparsity share of the total non-constant energy (both layers, all neurons) held by
 *     the key frequencies: near 1 whenever the network leaves no frequency starved (at
 *     initialisation, and for He et al.'s MLP, which spreads its neurons over every frequency),
 *     lower when it concentrates on a few and the others keep some energy
 * @param phaseMisalignment mean over neurons of |sin(2φ_j − ψ_j)| at the dominant frequency: 0 when
 *     every neuron has ψ = 2φ (mod π), 1 when every neuron is off by a quarter turn
 * @param keyFrequencies ascending; the frequencies the network uses, by their share of its Fourier
 *     energy (see {@link #KEY_ENERGY_MULTIPLE}); empty when no neuron has non-constant weights
 */
public record FourierSummary(double ipr, int nFrequencies, double fourierSparsity,
    double phaseMisalignment, int[] keyFrequencies) {

  /**
   * A frequency k is key when its share of the input plus output Fourier energy of all neurons,
   * e_k / Σ_k' e_k' over k' = 1..K, is at least this multiple of the even share 1/K.
   *
   * <p>Why by energy, and why half the even share. Nanda et al. 2023 ("Progress measures for
   * grokking via mechanistic interpretability", Sec. 4–5) call key the frequencies the trained
   * network computes with; their transformer uses a handful, and weight decay starves the rest,
   * whose energy decays towards 0. He et al. 2026's MLP (Sec. 2–3) computes with every frequency:
   * each neuron settles on one, the lottery of the initial weights spreads the neurons over all of
   * them, and each frequency ends with a share of the energy within a factor of about 2 of 1/K
   * (p = 97, width 512: largest share 3.3 % against 2.1 %; p = 59, width 128: at most 2.0 times
   * the even share). Counting the neurons a frequency dominates, with a 5 % cut, keeps one
   * frequency of such a network at large p and all at small p, depending on K rather than on the
   * network. Half the even share sits between what a used frequency holds (about 1/K or more) and
   * what a starved one holds (near 0), whatever K; random initial weights, whose shares
   * scatter around 1/K by about 1/√(2·width) (6 % at width 128), keep every frequency. So for the MLP the
   * restricted loss keeps the part of the logits that depends on a + b alone through the
   * frequencies the network uses, and the excluded loss removes it.
   */
  public static final double KEY_ENERGY_MULTIPLE = 0.5;

  /** Aggregates the spectra of all neurons of one network. */
  public static FourierSummary of(List<NeuronSpectrum> neurons) {
    if (neurons.isEmpty()) {
      throw new IllegalArgumentException("neurons must not be empty, found 0 neurons");
    }
    int frequencies = neurons.get(0).frequencies();
    int[] count = new int[frequencies + 1];
    double[] energy = new double[frequencies + 1];
    double iprSum = 0;
    int iprTerms = 0;
    double misalignment = 0;
    int live = 0;
    for (NeuronSpectrum neuron : neurons) {
      for (double[] layer : List.of(neuron.inputEnergy(), neuron.outputEnergy())) {
        double ipr = ipr(layer);
        if (!Double.isNaN(ipr)) {
          iprSum += ipr;
          iprTerms++;
        }
        for (int k = 1; k <= frequencies; k++) {
          energy[k] += layer[k];
        }
      }
      if (neuron.dominant() > 0) {
        live++;
        count[neuron.dominant()]++;
        misalignment += Math.abs(Math.sin(2 * neuron.phi() - neuron.psi()));
      }
    }
    double total = 0;
    double inKeys = 0;
    for (int k = 1; k <= frequencies; k++) {
      total += energy[k];
    }
    int[] keys = keyFrequencies(energy, total);
    for (int k : keys) {
      inKeys += energy[k];
    }
    int distinct = (int) Arrays.stream(count, 1, count.length).filter(c -> c > 0).count();
    return new FourierSummary(iprTerms == 0 ? Double.NaN : iprSum / iprTerms, distinct,
        total > 0 ? inKeys / total : Double.NaN, live == 0 ? Double.NaN : misalignment / live,
        keys);
  }

  /**
   * E[IPR] for i.i.d. Gaussian weights and odd p, K = (p−1)/2. Output (and {@code sum} input)
   * energies are σ²χ²₂, so the shares are Dirichlet(1, …, 1) and E[Σ s_k²] = K·2/(K(K+1)) =
   * 2/(K+1). A {@code concat} input adds two independent blocks, χ²₄ energies, Dirichlet(2, …, 2)
   * shares and E = 3/(2K+1); the returned value averages the two layers as {@link #ipr} does.
   */
  public static double expectedRandomIpr(int p, boolean concat) {
    double k = FourierBasis.of(p).frequencies();
    double output = 2.0 / (k + 1);
    double input = concat ? 3.0 / (2 * k + 1) : output;
    return (input + output) / 2;
  }

  /** Key frequencies as a comma-separated string, e.g. "4,9,17". */
  public String keyFrequenciesString() {
    return Arrays.stream(keyFrequencies).mapToObj(Integer::toString)
        .collect(Collectors.joining(","));
  }

  /** Σ s_k² over k ≥ 1, or NaN when the layer has no non-constant energy. */
  public static double ipr(double[] energy) {
    double total = 0;
    for (int k = 1; k < energy.length; k++) {
      total += energy[k];
    }
    if (!(total > 0)) {
      return Double.NaN;
    }
    double sum = 0;
    for (int k = 1; k < energy.length; k++) {
      double share = energy[k] / total;
      sum += share * share;
    }
    return sum;
  }

  /** The k ≥ 1 with e_k ≥ {@link #KEY_ENERGY_MULTIPLE} · total / K; none when total is 0. */
  static int[] keyFrequencies(double[] energy, double total) {
    if (!(total > 0)) {
      return new int[0];
    }
    int frequencies = energy.length - 1;
    double threshold = KEY_ENERGY_MULTIPLE * total / frequencies;
    return IntStream.rangeClosed(1, frequencies).filter(k -> energy[k] >= threshold).toArray();
  }
}
