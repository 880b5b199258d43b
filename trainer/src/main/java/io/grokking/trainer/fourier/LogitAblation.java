package io.grokking.trainer.fourier;

import java.util.HashSet;
import java.util.Set;

/**
 * Restricted and excluded loss of Nanda et al. 2023 ("Progress measures for grokking via
 * mechanistic interpretability", Sec. 5.1). Each output logit c, seen as a function of the input
 * (a, b) over all p² pairs, is split along the directions cos(ω_k(a+b)) and sin(ω_k(a+b)) of the
 * key frequencies k. The restricted logits keep only those components plus the logit's mean over
 * the inputs; the excluded logits are the logits minus those components. Both losses are the mean
 * cross-entropy over the training pairs, labelled (a + b) mod p. After grokking the restricted loss
 * is low (the key frequencies alone solve the task) and the excluded loss high. The labels are the
 * clean sums even when the run trains on noisy labels: the measure asks how well the key
 * frequencies compute a + b. It is defined for addition only; the probe skips it for any other
 * operation.
 *
 * <p>The directions depend on (a, b) only through s = a + b mod p, so projecting onto them equals
 * averaging the logit over the p pairs of each s and projecting that length-p function onto the
 * frequency-k subspace of Z_p. Adding the same amount to every logit of one input changes none of
 * the three losses, so log-probabilities serve as well as logits.
 *
 * <p>Checked against Nanda et al.: their restricted logits are the per-class projections onto
 * cos(ω_k(a+b)) and sin(ω_k(a+b)) (their code's {@code get_component_cos_xpy} and {@code
 * get_component_sin_xpy}), whose span holds the cos(ω_k(a+b−c)) and sin(ω_k(a+b−c)) terms of
 * their Sec. 4, with the class constant added back (their bias correction); the excluded logits
 * remove the same components, and both losses are taken on the training pairs. With the MLP's
 * key frequencies ({@link FourierSummary#KEY_ENERGY_MULTIPLE}), every frequency it uses, the
 * restricted logits are the part of the logits that depends on a + b alone and the excluded
 * logits the rest. Nanda et al. fix the key frequencies of the final network for every
 * checkpoint; the probes here use each evaluation's own.
 *
 * @param restrictedLoss cross-entropy of the restricted logits
 * @param excludedLoss cross-entropy of the excluded logits
 */
public record LogitAblation(double restrictedLoss, double excludedLoss) {

  /**
   * @param logits p² rows, row a·p + b holding the p logits of input (a, b)
   * @param keyFrequencies distinct frequencies in 1..K
   * @param trainPairs the training pair indices a·p + b on which the losses are averaged
   */
  public static LogitAblation of(double[][] logits, FourierBasis basis, int[] keyFrequencies,
      int[] trainPairs) {
    int p = basis.modulus();
    check(logits, p, keyFrequencies, trainPairs, basis.frequencies());
    // mean[c][s]: logit c averaged over the p inputs with a + b ≡ s (summed row by row first).
    double[][] sumBySum = new double[p][p];
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < p; b++) {
        double[] row = logits[a * p + b];
        double[] sum = sumBySum[(a + b) % p];
        for (int c = 0; c < p; c++) {
          sum[c] += row[c];
        }
      }
    }
    double[][] mean = new double[p][p];
    for (int s = 0; s < p; s++) {
      for (int c = 0; c < p; c++) {
        mean[c][s] = sumBySum[s][c] / p;
      }
    }
    // key[s][c]: the key-frequency part of logit c at sum s, stored by s for the loops below.
    double[][] key = new double[p][p];
    double[] constant = new double[p];
    for (int c = 0; c < p; c++) {
      for (int k : keyFrequencies) {
        double[] part = basis.component(mean[c], k);
        for (int s = 0; s < p; s++) {
          key[s][c] += part[s];
        }
      }
      for (int s = 0; s < p; s++) {
        constant[c] += mean[c][s] / p;
      }
    }
    // The restricted logits of a pair depend on the pair only through s, so their cross-entropy
    // is computed once per residue and weighted by how many training pairs have that sum.
    int[] pairsWithSum = new int[p];
    double excluded = 0;
    double[] x = new double[p];
    for (int pair : trainPairs) {
      int s = (pair / p + pair % p) % p;
      double[] row = logits[pair];
      double[] keyAtS = key[s];
      for (int c = 0; c < p; c++) {
        x[c] = row[c] - keyAtS[c];
      }
      excluded += crossEntropy(x, s);
      pairsWithSum[s]++;
    }
    double restricted = 0;
    double[] r = new double[p];
    for (int s = 0; s < p; s++) {
      if (pairsWithSum[s] > 0) {
        for (int c = 0; c < p; c++) {
          r[c] = constant[c] + key[s][c];
        }
        restricted += pairsWithSum[s] * crossEntropy(r, s);
      }
    }
    int n = trainPairs.length;
    return new LogitAblation(restricted / n, excluded / n);
  }

  /** −log softmax(z)[label], computed stably. */
  public static double crossEntropy(double[] z, int label) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (double v : z) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum) - z[label];
  }

  private static void check(double[][] logits, int p, int[] keyFrequencies, int[] trainPairs,
      int frequencies) {
    if (logits.length != p * p) {
      throw new IllegalArgumentException(
          "logits must have p² = " + p * p + " rows, found " + logits.length);
    }
    for (int i = 0; i < logits.length; i++) {
      if (logits[i].length != p) {
        throw new IllegalArgumentException(
            "logits row " + i + " must have p = " + p + " entries, found " + logits[i].length);
      }
    }
    Set<Integer> seen = new HashSet<>();
    for (int k : keyFrequencies) {
      if (k < 1 || k > frequencies) {
        throw new IllegalArgumentException(
            "key frequencies must be in [1, " + frequencies + "], found " + k);
      }
      if (!seen.add(k)) {
        throw new IllegalArgumentException("key frequencies must be distinct, found " + k
            + " twice");
      }
    }
    if (trainPairs.length == 0) {
      throw new IllegalArgumentException("train pairs must not be empty, found 0");
    }
    for (int pair : trainPairs) {
      if (pair < 0 || pair >= p * p) {
        throw new IllegalArgumentException(
            "train pair indices must be in [0, " + (p * p - 1) + "], found " + pair);
      }
    }
  }
}
