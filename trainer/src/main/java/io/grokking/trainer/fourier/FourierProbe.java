package io.grokking.trainer.fourier;

import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.Operation;
import io.grokking.trainer.data.ModularTask;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.model.ModularMlp;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a {@link ModularMlp} network and fills the mechanistic columns of a metrics row. Its
 * {@link #measure} has the shape of the trainer's probe, so {@code probe::measure} serves as one.
 * The trainer hands it the logits of all p² inputs from its own passes over the two sides of the
 * split; {@link #logits} computes them through ND4J for callers that have none. Weights and
 * logits are copied out to plain arrays outside any ND4J workspace, since the trainer calls probes
 * inside its per-step workspace.
 *
 * <p>The spectra and the measures that only describe them (ipr, n_frequencies, key frequencies,
 * fourier_sparsity) are defined for any task whose inputs are one-hot residues, so every operation
 * gets them. The measures built on the mechanism of a + b, restricted and excluded loss (along
 * cos ω(a + b)) and phase_misalignment (He et al.'s ψ = 2φ), are taken only for an operation with
 * {@link Operation#additiveMechanism()}; for any other they stay null, and no logits are read.
 */
public final class FourierProbe {
  private final FourierBasis basis;
  private final Encoding encoding;
  private final int[] trainPairs;
  private final boolean additive;
  private INDArray allInputs;

  /** Reused across evaluations: the p² × width activations are too large to allocate afresh. */
  private static final WorkspaceConfiguration PROBE_WORKSPACE = WorkspaceConfiguration.builder()
      .initialSize(0)
      .policyLearning(LearningPolicy.FIRST_LOOP)
      .policyAllocation(AllocationPolicy.OVERALLOCATE)
      .build();
  private static final String WORKSPACE_ID = "grok-probe";

  /** A probe of addition, a + b mod p, which takes every measure; parameters as below. */
  public FourierProbe(int modulus, Encoding encoding, int[] trainPairs) {
    this(modulus, encoding, trainPairs, Operation.ADD);
  }

  /**
   * @param trainPairs training pair indices a·p + b, on which restricted losses are averaged
   * @param operation the task's operation, which decides whether the additive measures are taken
   */
  public FourierProbe(int modulus, Encoding encoding, int[] trainPairs, Operation operation) {
    this.basis = FourierBasis.of(modulus);
    this.encoding = encoding;
    this.trainPairs = trainPairs.clone();
    this.additive = operation.additiveMechanism();
  }

  public static FourierProbe of(ModularTask data, Encoding encoding) {
    return new FourierProbe(data.modulus(), encoding, data.train().pairs(), data.operation());
  }

  /** True when the measures of the additive mechanism are taken (see the class javadoc). */
  public boolean additive() {
    return additive;
  }

  /**
   * Everything measured on one network.
   *
   * @param ablation restricted and excluded loss, or null when the operation has no additive
   *     mechanism
   */
  public record Measurement(List<NeuronSpectrum> neurons, FourierSummary summary,
      LogitAblation ablation) {}

  /**
   * The row with ipr, n_frequencies and fourier_sparsity set, and phase_misalignment and both
   * losses too when the operation has the additive mechanism, given the network's {@link #logits}
   * (which may be null otherwise).
   */
  public StepMetrics measure(StepMetrics row, MultiLayerNetwork net, double[][] logits) {
    return withMeasurement(row, measureAll(net, logits));
  }

  /** The row with the mechanistic columns taken from {@code m}. */
  public static StepMetrics withMeasurement(StepMetrics row, Measurement m) {
    FourierSummary s = m.summary();
    LogitAblation ablation = m.ablation();
    return row.withMechanisms(s.ipr(), s.nFrequencies(), s.fourierSparsity(),
        ablation == null ? null : s.phaseMisalignment(),
        ablation == null ? null : ablation.restrictedLoss(),
        ablation == null ? null : ablation.excludedLoss(), null, null);
  }

  public Measurement measureAll(MultiLayerNetwork net) {
    return measureAll(net, additive ? logits(net) : null);
  }

  /**
   * @param logits the network's logits on all p² inputs, row a·p + b, as {@link #logits} returns
   *     them; only read, and only when the operation has the additive mechanism (may be null
   *     otherwise)
   */
  public Measurement measureAll(MultiLayerNetwork net, double[][] logits) {
    List<NeuronSpectrum> neurons = spectra(net);
    FourierSummary summary = FourierSummary.of(neurons);
    LogitAblation ablation = additive
        ? LogitAblation.of(logits, basis, summary.keyFrequencies(), trainPairs)
        : null;
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
      return Matrices.rows(net.getParam(key));
    }
  }

  /** The network's logits on all p² inputs, row a·p + b, before the softmax. */
  public double[][] logits(MultiLayerNetwork net) {
    try (MemoryWorkspace ws =
        Nd4j.getWorkspaceManager().getAndActivateWorkspace(PROBE_WORKSPACE, WORKSPACE_ID)) {
      INDArray wIn = net.getParam(ModularMlp.W_IN);
      INDArray wOut = net.getParam(ModularMlp.W_OUT);
      BaseLayer hidden = (BaseLayer) net.getLayerWiseConfigurations().getConf(0).getLayer();
      INDArray h = hidden.getActivationFn().getActivation(allInputs(wIn.dataType()).mmul(wIn), false);
      return Matrices.rows(h.mmul(wOut));
    }
  }

  /** The p² network inputs, built once per probe outside any workspace. */
  private INDArray allInputs(DataType type) {
    if (allInputs == null || allInputs.dataType() != type) {
      int p = basis.modulus();
      int columns = ModularMlp.inputSize(p, encoding);
      int offset = encoding == Encoding.CONCAT ? p : 0;
      float[][] x = new float[p * p][columns];
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < p; b++) {
          x[a * p + b][a] += 1;
          x[a * p + b][offset + b] += 1;
        }
      }
      try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
        allInputs = Nd4j.create(x).castTo(type);
      }
    }
    return allInputs;
  }
}
