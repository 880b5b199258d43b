package io.grokking.trainer.model.transformer;

import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.fourier.LogitAblation;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.model.ModelProbe;
import io.grokking.trainer.task.Embeddings;
import io.grokking.trainer.task.ModularTask;
import java.util.ArrayList;
import java.util.List;

/**
 * The transformer's measures (Nanda et al. 2023, Sec. 4–5) for the recorder, through {@link
 * TransformerProbe}: each MLP neuron's frequency from its activations at {@code =} over all p²
 * inputs, the key frequencies, IPR and Fourier sparsity over those neurons, restricted and
 * excluded loss (addition only), and the Fourier spectrum and Gini coefficient of the embedding
 * W_E and the unembedding W_U. A neuron row holds its frequency and, as its magnitude, the share of
 * its energy at that frequency; phases and the lottery ticket are the MLP's and stay empty, and so
 * do phase misalignment, the hit rate and majority voting.
 */
public final class TransformerRunProbe implements ModelProbe {
  private final TransformerProbe probe;
  private TransformerMeasurement last;
  private int lastStep = -1;

  public TransformerRunProbe(RunSpec spec, ModularTask data, TransformerModel model) {
    this.probe = TransformerProbe.of(model.layout(), model.params(), data);
  }

  @Override
  public List<Neuron> initial() {
    return neurons(probe.measure());
  }

  @Override
  public Reading measure(StepMetrics row, double[][] logits) {
    TransformerMeasurement m = probe.measure();
    last = m;
    lastStep = row.step();
    LogitAblation ablation = m.ablation();
    StepMetrics measured = row.withMechanisms(finite(m.ipr()), m.nFrequencies(),
        finite(m.fourierSparsity()), null,
        ablation == null ? null : ablation.restrictedLoss(),
        ablation == null ? null : ablation.excludedLoss(), finite(m.giniEmbedding()),
        finite(m.giniUnembedding()));
    return new Reading(measured, m.embeddingEnergy(), m.unembeddingEnergy());
  }

  /** {@link TransformerProbe#embeddings()}. */
  @Override
  public Embeddings embeddings() {
    return probe.embeddings();
  }

  @Override
  public Final finish(int step) {
    TransformerMeasurement m = lastStep == step ? last : probe.measure();
    return new Final(neurons(m), new Mechanisms(null, null, m.keyFrequenciesString(), null, null));
  }

  private static List<Neuron> neurons(TransformerMeasurement m) {
    List<Neuron> rows = new ArrayList<>(m.neurons().size());
    for (TransformerNeuron n : m.neurons()) {
      rows.add(n.live()
          ? new Neuron(n.frequency(), n.share(), null, null, null, null, null)
          : new Neuron(null, null, null, null, null, null, null));
    }
    return rows;
  }

  /** NaN (no live neuron) is written as empty, never as a number. */
  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
