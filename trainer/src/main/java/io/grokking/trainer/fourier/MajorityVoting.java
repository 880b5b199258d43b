package io.grokking.trainer.fourier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The majority-voting picture of He et al. 2026: each neuron on a key frequency casts a noisy vote
 * for a + b, and the noise cancels across the neurons of one frequency when their phases are spread
 * over the circle (phase symmetry). Measured per key frequency by the mean resultant length
 * R = |mean_j exp(i·φ_j)| of the input phases of its neurons: near 0 when the phases cover the
 * circle evenly, 1 when they are all equal.
 */
public final class MajorityVoting {
  private MajorityVoting() {}

  /**
   * One key frequency's voters.
   *
   * @param neurons how many neurons have it as dominant frequency
   * @param resultantLength R of their input phases, NaN when there are none
   */
  public record FrequencyVote(int frequency, int neurons, double resultantLength) {}

  /** One vote summary per key frequency, in the order given. */
  public static List<FrequencyVote> summarize(List<NeuronSpectrum> neurons, int[] keyFrequencies) {
    List<FrequencyVote> votes = new ArrayList<>(keyFrequencies.length);
    for (int k : keyFrequencies) {
      int n = 0;
      double x = 0;
      double y = 0;
      for (NeuronSpectrum neuron : neurons) {
        if (neuron.dominant() == k) {
          n++;
          x += Math.cos(neuron.phi());
          y += Math.sin(neuron.phi());
        }
      }
      votes.add(new FrequencyVote(k, n, n == 0 ? Double.NaN : Math.hypot(x, y) / n));
    }
    return votes;
  }

  /** The compact string column form, e.g. "k=4:n=37:R=0.08;k=9:n=41:R=0.11". */
  public static String encode(List<FrequencyVote> votes) {
    return votes.stream()
        .map(v -> String.format(Locale.ROOT, "k=%d:n=%d:R=%.2f", v.frequency(), v.neurons(),
            v.resultantLength()))
        .collect(Collectors.joining(";"));
  }
}
