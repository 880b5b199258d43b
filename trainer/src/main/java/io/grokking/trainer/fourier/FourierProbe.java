package io.grokking.trainer.fourier;

import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.data.ModularAddition;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.model.ModularMlp;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a {@link ModularMlp} network and fills the mechanistic columns of a metrics row. Its
 * {@link #measure} has the shape of the trainer's probe, so {@code probe::measure} serves as one.
 * Weights and logits are copied out to plain arrays outside any ND4J workspace, since the trainer
 * calls probes inside its per-step workspace.
 */
public final class FourierProbe {
  private final FourierBasis basis;
  private final Encoding encoding;
  private final int[] trainPairs;

  /** @param trainPairs training pair indices a·p + b, on which restricted losses are averaged */
  public FourierProbe(int modulus, Encoding encoding, int[] trainPairs) {
    this.basis = FourierBasis.of(modulus);
    this.encoding = encoding;
    this.trainPairs = trainPairs.clone();
  }

  public static FourierProbe of(ModularAddition data, Encoding encoding) {
    return new FourierProbe(data.modulus(), encoding, data.train().pairs());
  }

  /** Everything measured on one network. */
  public record Measurement(List<NeuronSpectrum> neurons, FourierSummary summary,
      LogitAblation ablation) {}

  /** The row with ipr, n_frequencies, fourier_sparsity, phase_misalignment and both losses set. */
  public StepMetrics measure(StepMetrics row, MultiLayerNetwork net) {
    return withMeasurement(row, measureAll(net));
  }

  /** The row with the mechanistic columns taken from {@code m}. */
  public static StepMetrics withMeasurement(StepMetrics row, Measurement m) {
    FourierSummary s = m.summary();
    return new StepMetrics(row.step(), row.trainLoss(), row.trainAcc(), row.testLoss(),
        row.testAcc(), row.weightNorm(), s.ipr(), s.nFrequencies(), s.fourierSparsity(),
        s.phaseMisalignment(), m.ablation().restrictedLoss(), m.ablation().excludedLoss());
  }

  public Measurement measureAll(MultiLayerNetwork net) {
    List<NeuronSpectrum> neurons = spectra(net);
    FourierSummary summary = FourierSummary.of(neurons);
    LogitAblation ablation =
        LogitAblation.of(logits(net), basis, summary.keyFrequencies(), trainPairs);
    return new Measurement(neurons, summary, ablation);
  }

  /** The spectrum of every hidden neuron; at step 0 this is the lottery ticket's input. */
  public List<NeuronSpectrum> spectra(MultiLayerNetwork net) {
    return FourierAnalysis.analyze(weights(net, ModularMlp.W_IN), weights(net, ModularMlp.W_OUT),
        basis, encoding == Encoding.CONCAT);
  }

  public int modulus() {
    return basis.modulus();
  }

  /** A copy of one parameter matrix, e.g. {@link ModularMlp#W_IN}, as doubles. */
  public static double[][] weights(MultiLayerNetwork net, String key) {
    try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      return net.getParam(key).castTo(DataType.DOUBLE).toDoubleMatrix();
    }
  }

  /** The network's logits on all p² inputs, row a·p + b, before the softmax. */
  public double[][] logits(MultiLayerNetwork net) {
    int p = basis.modulus();
    boolean concat = encoding == Encoding.CONCAT;
    try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      INDArray wIn = net.getParam(ModularMlp.W_IN);
      INDArray wOut = net.getParam(ModularMlp.W_OUT);
      INDArray x = Nd4j.zeros(wIn.dataType(), (long) p * p, ModularMlp.inputSize(p, encoding));
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < p; b++) {
          int row = a * p + b;
          int bColumn = concat ? p + b : b;
          x.putScalar(row, a, x.getDouble(row, a) + 1.0);
          x.putScalar(row, bColumn, x.getDouble(row, bColumn) + 1.0);
        }
      }
      BaseLayer hidden = (BaseLayer) net.getLayerWiseConfigurations().getConf(0).getLayer();
      INDArray h = hidden.getActivationFn().getActivation(x.mmul(wIn), false);
      return h.mmul(wOut).castTo(DataType.DOUBLE).toDoubleMatrix();
    }
  }
}
