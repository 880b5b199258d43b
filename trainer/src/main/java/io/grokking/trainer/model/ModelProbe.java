package io.grokking.trainer.model;

import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.task.Embeddings;
import java.util.List;

/**
 * A model family's mechanistic measures, in the form the run's recorder ({@code
 * io.grokking.trainer.run.RunRecorder}) writes them: the metric columns of an evaluation row, the
 * Fourier spectrum of that evaluation, and the neurons at initialisation and at the end with the
 * run's mechanistic summary. A probe reads the weights it
 * was built on; it may keep its latest measurement, so that {@link #finish} of the weights just
 * evaluated costs nothing.
 */
public interface ModelProbe {
  /** The neurons of the initial weights (before any checkpoint replaces them). */
  List<Neuron> initial();

  /**
   * The evaluation row with the probe's columns set and the spectrum of the current weights.
   *
   * @param logits the MLP's all-pair logits (see {@link io.grokking.trainer.train.Trainer.Probe}),
   *     or null
   */
  Reading measure(StepMetrics row, double[][] logits);

  /** The final neurons of the weights after {@code step} updates, and the run's summary. */
  Final finish(int step);

  /**
   * The current weights' input and output embeddings, copied, in the family-neutral form a task's
   * own measures read ({@link io.grokking.trainer.task.TaskMeasures}); null for a family that
   * exposes none.
   */
  default Embeddings embeddings() {
    return null;
  }

  /** One evaluation's row and spectrum: energy per frequency k = 0..⌊p/2⌋. */
  record Reading(StepMetrics row, double[] energyIn, double[] energyOut) {}

  /**
   * One row of the {@code neurons} table; a family leaves empty (null) what it does not measure.
   *
   * @param frequency dominant frequency k ≥ 1, or null when the neuron has none
   * @param predictedFrequency the lottery ticket from He et al.'s gradient flow ({@link
   *     io.grokking.trainer.fourier.LotteryOde})
   * @param predictedFrequencyProduct the lottery ticket by the magnitude-product rule ({@link
   *     io.grokking.trainer.fourier.LotteryTicket})
   */
  record Neuron(Integer frequency, Double magnitude, Double magnitudeOut, Double phaseIn,
      Double phaseOut, Integer predictedFrequency, Integer predictedFrequencyProduct) {}

  /** The final neurons and the summary stored in the result row. */
  record Final(List<Neuron> neurons, Mechanisms mechanisms) {}

  /**
   * The per-run mechanistic summary stored in the result row; each field null when the family or
   * the operation does not define it.
   *
   * @param hitRate the gradient-flow lottery ticket's hit rate
   * @param productHitRate the magnitude-product rule's hit rate
   */
  record Mechanisms(Double hitRate, Double chance, String keyFrequencies, String majorityVoting,
      Double productHitRate) {}
}
