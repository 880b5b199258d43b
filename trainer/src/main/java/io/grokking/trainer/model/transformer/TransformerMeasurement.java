package io.grokking.trainer.model.transformer;

import io.grokking.trainer.fourier.FourierSummary;
import io.grokking.trainer.fourier.Gini;
import io.grokking.trainer.fourier.LogitAblation;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything {@link TransformerProbe#measure()} reads off the transformer at one step. Every
 * aggregate is taken over the live neurons, those with a frequency; see the probe for the
 * definitions and how they parallel the MLP's {@link FourierSummary}.
 *
 * @param neurons one per MLP neuron, in neuron order
 * @param keyFrequencies ascending; the frequencies of at least {@link
 *     TransformerProbe#KEY_NEURON_SHARE} of the live neurons, or the single most common one if
 *     none reaches it; empty when no neuron is live
 * @param ipr mean over live neurons of Σ_k s_k², s_k = energy[k] / Σ_k' energy[k'] over
 *     k = 1..K; in [1/K, 1], NaN when no neuron is live
 * @param nFrequencies number of distinct neuron frequencies
 * @param fourierSparsity share of the live neurons' summed centred energy that lies in the key
 *     frequencies' blocks, in [0, 1]; NaN when no neuron is live
 * @param ablation restricted and excluded loss (Nanda et al. 2023, Sec. 5.1) over the first p
 *     logits, or null when the operation has no additive mechanism
 * @param embeddingEnergy indexed k = 0..K: the energy of W_E's first p rows (the residues'
 *     embeddings) along the token index, summed over the d columns
 * @param unembeddingEnergy indexed k = 0..K: the same for W_U's first p columns along the class
 *     index, summed over the d rows
 * @param giniEmbedding {@link Gini} of embeddingEnergy over k = 1..K
 * @param giniUnembedding {@link Gini} of unembeddingEnergy over k = 1..K
 */
public record TransformerMeasurement(List<TransformerNeuron> neurons, int[] keyFrequencies,
    double ipr, int nFrequencies, double fourierSparsity, LogitAblation ablation,
    double[] embeddingEnergy, double[] unembeddingEnergy, double giniEmbedding,
    double giniUnembedding) {

  /** Key frequencies as a comma-separated string, e.g. "4,9,17", as the results table holds. */
  public String keyFrequenciesString() {
    return Arrays.stream(keyFrequencies).mapToObj(Integer::toString)
        .collect(Collectors.joining(","));
  }
}
