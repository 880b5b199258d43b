package io.grokking.trainer.train;

import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.data.ModularTask;
import io.grokking.trainer.metrics.StepMetrics;
import java.util.List;

/** The transformer's measures for the recorder (in progress: none yet). */
final class TransformerRunProbe implements ModelProbe {
  TransformerRunProbe(RunSpec spec, ModularTask data, TransformerModel model) {}

  @Override
  public List<Neuron> initial() {
    return List.of();
  }

  @Override
  public Reading measure(StepMetrics row, double[][] logits) {
    return new Reading(row, new double[0], new double[0]);
  }

  @Override
  public Final finish(int step) {
    return new Final(List.of(), new Mechanisms(null, null, null, null));
  }
}
