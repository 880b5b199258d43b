package io.grokking.trainer.fourier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The majority-voting picture of He et al. 2026: each neuron on a key frequency casts a noisy vote
 * for a + b, and the noise cancels across the neurons of one frequency when their phases are spread
 * over the circle (phase symmetry). Their condition is Σ_m exp(i·ι·φ_m) ≈ 0 over the neurons of
 * one frequency for ι = 1, 2 and 4 (notebook {@code lottery_mechanism.ipynb} of
 * {@code Y-Agent/modular-addition-feature-learning}), so it is measured per key frequency by the
 * mean resultant lengths R_ι = |mean_j exp(i·ι·φ_j)|, ι = 1..{@value #HARMONICS}, of the input
 * phases of its neurons: near 0 when the ι-fold phases cover the circle evenly, 1 when they are
 * all equal.
 */
public final class MajorityVoting {
  /** The harmonics ι = 1..HARMONICS reported. */
  public static final int HARMONICS = 4;

  private MajorityVoting() {}

  /**
   * One key frequency's voters.
   *
   * @param neurons how many neurons have it as dominant frequency
   * @param resultantLengths R_ι of their input phases at index ι − 1, ι = 1..{@value #HARMONICS},
   *     NaN when there are none
   */
  public record FrequencyVote(int frequency, int neurons, double[] resultantLengths) {
    /** R_1, the mean resultant length of the phases themselves. */
    public double resultantLength() {
      return resultantLength(1);
    }

    /** R_ι for ι in 1..{@value #HARMONICS}. */
    public double resultantLength(int harmonic) {
      if (harmonic < 1 || harmonic > HARMONICS) {
        throw new IllegalArgumentException(
            "harmonic must be in [1, " + HARMONICS + "], found " + harmonic);
      }
      return resultantLengths[harmonic - 1];
    }
  }

  /** One vote summary per key frequency, in the order given. */
  public static List<FrequencyVote> summarize(List<NeuronSpectrum> neurons, int[] keyFrequencies) {
    List<FrequencyVote> votes = new ArrayList<>(keyFrequencies.length);
    for (int k : keyFrequencies) {
      List<Double> phases = new ArrayList<>();
      for (NeuronSpectrum neuron : neurons) {
        if (neuron.dominant() == k) {
          phases.add(neuron.phi());
        }
      }
      double[] r = new double[HARMONICS];
      for (int iota = 1; iota <= HARMONICS; iota++) {
        r[iota - 1] = resultantLength(phases, iota);
      }
      votes.add(new FrequencyVote(k, phases.size(), r));
    }
    return votes;
  }

  /** |mean_j exp(i·ι·φ_j)|, NaN for no phases. */
  static double resultantLength(List<Double> phases, int harmonic) {
    if (phases.isEmpty()) {
      return Double.NaN;
    }
    double x = 0;
    double y = 0;
    for (double phi : phases) {
      x += Math.cos(harmonic * phi);
      y += Math.sin(harmonic * phi);
    }
    return Math.hypot(x, y) / phases.size();
  }

  /**
   * The compact string column form, e.g. "k=4:n=37:R=0.08:R2=0.11:R3=0.05:R4=0.20;k=9:…". The
   * first three fields are the original format (R is R_1); R2..R4 were appended after it.
   */
  public static String encode(List<FrequencyVote> votes) {
    return votes.stream()
        .map(v -> String.format(Locale.ROOT, "k=%d:n=%d:R=%.2f:R2=%.2f:R3=%.2f:R4=%.2f",
            v.frequency(), v.neurons(), v.resultantLength(1), v.resultantLength(2),
            v.resultantLength(3), v.resultantLength(4)))
        .collect(Collectors.joining(";"));
  }
}
