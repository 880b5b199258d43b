package io.grokking.trainer.fourier;

import java.util.List;

/**
 * Predicts each neuron's final frequency from the initial weights alone (He et al. 2026, section on
 * the lottery ticket / early-stage dynamics; not checked against the paper's numbering). Their
 * gradient-flow analysis of the early dynamics has the frequencies of one neuron compete, with
 * frequency k growing at a rate proportional to its initial input and output magnitudes
 * α_{j,k}(0)·β_{j,k}(0), modulated by the phase misalignment cos(2φ_{j,k}(0) − ψ_{j,k}(0)); the
 * fastest grower wins the neuron.
 *
 * <p>This predictor uses the magnitude-product rule alone: predicted k(j) = argmax_{k ≥ 1}
 * α_{j,k}(0)·β_{j,k}(0), the lowest k on ties, with the phase left out. It is kept beside {@link
 * LotteryOde}, which integrates the gradient flow with its phase and fills
 * {@code lottery_ticket_hit_rate}; this rule fills {@code lottery_ticket_product_hit_rate}. For
 * {@code concat}, α is taken from the weights on a (the first p rows), as φ is in {@link
 * NeuronSpectrum}.
 */
public final class LotteryTicket {
  private LotteryTicket() {}

  /** The predicted final frequency of each neuron, from W_in (in × width) and W_out (width × p). */
  public static int[] predict(double[][] wIn0, double[][] wOut0, int p, boolean concat) {
    return predict(FourierAnalysis.analyze(wIn0, wOut0, p, concat));
  }

  /** The predicted final frequency of each neuron, from the spectra of the initial weights. */
  public static int[] predict(List<NeuronSpectrum> initial) {
    int[] predicted = new int[initial.size()];
    for (int j = 0; j < predicted.length; j++) {
      double[] alpha = initial.get(j).input().amplitude();
      double[] beta = initial.get(j).output().amplitude();
      int best = 1;
      for (int k = 2; k < alpha.length; k++) {
        if (alpha[k] * beta[k] > alpha[best] * beta[best]) {
          best = k;
        }
      }
      predicted[j] = best;
    }
    return predicted;
  }

  /** The share of neurons whose predicted frequency is their final dominant frequency. */
  public static double hitRate(int[] predicted, int[] finalDominant) {
    if (predicted.length != finalDominant.length) {
      throw new IllegalArgumentException("predicted and final frequencies must cover the same "
          + "neurons, found " + predicted.length + " and " + finalDominant.length);
    }
    if (predicted.length == 0) {
      throw new IllegalArgumentException("hit rate needs at least one neuron, found 0");
    }
    int hits = 0;
    for (int j = 0; j < predicted.length; j++) {
      if (predicted[j] == finalDominant[j]) {
        hits++;
      }
    }
    return (double) hits / predicted.length;
  }

  /** The hit rate of a uniform guess among the K = ⌊p/2⌋ non-constant frequencies: 1/K. */
  public static double chance(int p) {
    return 1.0 / FourierBasis.of(p).frequencies();
  }
}
