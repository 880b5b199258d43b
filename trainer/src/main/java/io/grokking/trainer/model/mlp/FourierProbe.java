package io.grokking.trainer.model.mlp;

import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.Operation;
import io.grokking.trainer.fourier.FourierAnalysis;
import io.grokking.trainer.fourier.FourierBasis;
import io.grokking.trainer.fourier.FourierSummary;
import io.grokking.trainer.fourier.LogitAblation;
import io.grokking.trainer.fourier.Matrices;
import io.grokking.trainer.fourier.NeuronSpectrum;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.task.ModularTask;
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
 *
 * <p>A network with more than one hidden layer ({@code model.depth} &gt; 1) is read at its first
 * layer: each neuron's spectrum is that of its input weights (a column of W_in) alone, since its
 * output goes to the next hidden layer, not to the residues. Its output side is left empty: no
 * output magnitude or phase, no phase_misalignment (which compares the two), and ipr, the
 * dominant frequencies and fourier_sparsity read the input energy only. The restricted and
 * excluded losses read the logits, so they are taken at any depth.
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
    this(modulus, encoding, trainPairs, true);
  }

  /**
   * @param trainPairs training pair indices a·p + b, on which restricted losses are averaged
   * @param additive whether the task's labels are a + b mod p ({@link ModularTask#additive()}),
   *     which decides whether the additive measures are taken
   */
  public FourierProbe(int modulus, Encoding encoding, int[] trainPairs, boolean additive) {
    this.basis = FourierBasis.of(modulus);
    this.encoding = encoding;
    this.trainPairs = trainPairs.clone();
    this.additive = additive;
  }

  public static FourierProbe of(ModularTask data, Encoding encoding) {
    return new FourierProbe(data.modulus(), encoding, data.train().pairs(), data.additive());
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
   * @param outputSide true when the spectra include the neurons' output weights (one hidden
   *     layer); false for a deeper network, read at its first layer
   */
  public record Measurement(List<NeuronSpectrum> neurons, FourierSummary summary,
      LogitAblation ablation, boolean outputSide) {}

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
        ablation == null || !m.outputSide() ? null : s.phaseMisalignment(),
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
    return new Measurement(neurons, summary, ablation, readsOutput(net));
  }

  /** True when the neurons' spectra include their output weights: one hidden layer. */
  public static boolean readsOutput(MultiLayerNetwork net) {
    return ModularMlp.depth(net) == 1;
  }

  /**
   * The spectrum of every neuron of the first hidden layer; at step 0 this is the lottery
   * ticket's input. For a deeper network the output side is all zero (see the class javadoc).
   */
  public List<NeuronSpectrum> spectra(MultiLayerNetwork net) {
    double[][] wIn = weights(net, ModularMlp.W_IN);
    double[][] wOut = readsOutput(net) ? weights(net, ModularMlp.W_OUT)
        : new double[wIn[0].length][basis.modulus()];
    return FourierAnalysis.analyze(wIn, wOut, basis, encoding == Encoding.CONCAT);
  }

  /**
   * The energy per frequency k = 0..K of the output layer's weights over the residues, summed
   * over its rows (the last hidden layer's neurons): at depth 1 the output energy of {@link
   * #spectra} summed over neurons.
   */
  public double[] outputEnergy(MultiLayerNetwork net) {
    double[] total = new double[basis.frequencies() + 1];
    for (double[] row : weights(net, ModularMlp.outputWeightKey(net))) {
      double[] e = basis.project(row).energy();
      for (int k = 0; k < total.length; k++) {
        total[k] += e[k];
      }
    }
    return total;
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
      int depth = ModularMlp.depth(net);
      INDArray x = allInputs(net.getParam(ModularMlp.W_IN).dataType());
      for (int l = 0; l <= depth; l++) {
        x = x.mmul(net.getParam(ModularMlp.weightKey(l)));
        if (net.paramTable().containsKey(ModularMlp.biasKey(l))) {
          x.addiRowVector(net.getParam(ModularMlp.biasKey(l)));
        }
        if (l < depth) {
          BaseLayer hidden = (BaseLayer) net.getLayerWiseConfigurations().getConf(l).getLayer();
          x = hidden.getActivationFn().getActivation(x, false);
        }
      }
      return Matrices.rows(x);
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
