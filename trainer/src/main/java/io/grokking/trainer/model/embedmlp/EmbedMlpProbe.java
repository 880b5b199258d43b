package io.grokking.trainer.model.embedmlp;

import io.grokking.trainer.fourier.FourierAnalysis;
import io.grokking.trainer.fourier.FourierBasis;
import io.grokking.trainer.fourier.FourierSummary;
import io.grokking.trainer.fourier.Matrices;
import io.grokking.trainer.fourier.NeuronSpectrum;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.model.ModelProbe;
import io.grokking.trainer.numeric.Gemm;
import io.grokking.trainer.task.Embeddings;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The embedding MLP's Fourier measures on a modular task. With ReLU and one-hot inputs the network
 * is exactly a concatenated-input MLP whose first layer is W_in = [W_x W₁; W_y W₂] (2p × h: rows
 * 0..p−1 neuron j's weight on x = a, rows p..2p−1 on y = b) and whose output layer is W_U
 * ({@link EmbedMlpPasses}). The probe reads that W_in and W_U as He et al. 2026 (Sec. 2) read an
 * MLP's, through {@link FourierAnalysis}: each neuron's dominant frequency, input and output
 * magnitude and phase; ipr, n_frequencies and fourier_sparsity ({@link FourierSummary}); the key
 * frequencies; and the spectra table's energy_in (W_in's columns over the residues, a and b
 * summed) and energy_out (W_U's rows over the classes).
 *
 * <p>Left empty: phase misalignment, restricted and excluded loss and the lottery tickets, which
 * describe He et al.'s mechanism of a + b for their own network and initialisation, and the
 * Gini coefficients, which the MLP leaves empty too. The measures read the input index as a
 * residue mod p, which every task of {@link io.grokking.trainer.task.ModularTask} satisfies; a
 * task whose inputs are not residues (group elements) has no Fourier basis of Z_p and needs a
 * probe of its own.
 */
public final class EmbedMlpProbe implements ModelProbe {
  private final EmbedMlpShape shape;
  private final INDArray params;
  private final FourierBasis basis;
  private final INDArray product;
  private List<NeuronSpectrum> last;
  private FourierSummary lastSummary;
  private int lastStep = -1;

  public EmbedMlpProbe(EmbedMlpShape shape, INDArray params) {
    this.shape = shape;
    this.params = params;
    this.basis = FourierBasis.of(shape.vocab());
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      this.product = Nd4j.create(params.dataType(), shape.vocab(), shape.hidden());
    }
  }

  /** The first layer of the equivalent concatenated-input MLP: [W_x W₁; W_y W₂], 2N × h. */
  public double[][] inputWeights() {
    int vocab = shape.vocab();
    double[][] wIn = new double[2 * vocab][];
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      Gemm.gemm(shape.view(params, EmbedMlpShape.Matrix.W_X), false, shape.half(params, 0), false,
          product);
      double[][] fromX = Matrices.rows(product);
      Gemm.gemm(shape.view(params, EmbedMlpShape.Matrix.W_Y), false, shape.half(params, 1), false,
          product);
      double[][] fromY = Matrices.rows(product);
      System.arraycopy(fromX, 0, wIn, 0, vocab);
      System.arraycopy(fromY, 0, wIn, vocab, vocab);
    }
    return wIn;
  }

  /** Every neuron's spectrum under the current weights. */
  public List<NeuronSpectrum> spectra() {
    double[][] wU;
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      wU = Matrices.rows(shape.view(params, EmbedMlpShape.Matrix.W_U));
    }
    return FourierAnalysis.analyze(inputWeights(), wU, basis, true);
  }

  /** W_x, W_y (N × e) and W_U (h × N), as Chughtai et al. read them (Sec. 4–5). */
  @Override
  public Embeddings embeddings() {
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      return new Embeddings(Matrices.rows(shape.view(params, EmbedMlpShape.Matrix.W_X)),
          Matrices.rows(shape.view(params, EmbedMlpShape.Matrix.W_Y)),
          Matrices.rows(shape.view(params, EmbedMlpShape.Matrix.W_U)));
    }
  }

  @Override
  public List<Neuron> initial() {
    return neurons(spectra());
  }

  @Override
  public Reading measure(StepMetrics row, double[][] logits) {
    List<NeuronSpectrum> all = spectra();
    FourierSummary s = FourierSummary.of(all);
    last = all;
    lastSummary = s;
    lastStep = row.step();
    double[] in = NeuronSpectrum.inputTotals(all);
    double[] out = NeuronSpectrum.outputTotals(all);
    StepMetrics measured = row.withMechanisms(s.ipr(), s.nFrequencies(), s.fourierSparsity(),
        null, null, null, null, null);
    return new Reading(measured, in, out);
  }

  @Override
  public Final finish(int step) {
    List<NeuronSpectrum> all = lastStep == step ? last : spectra();
    FourierSummary s = lastStep == step ? lastSummary : FourierSummary.of(all);
    return new Final(neurons(all), new Mechanisms(null, null, s.keyFrequenciesString(), null,
        null));
  }

  private static List<Neuron> neurons(List<NeuronSpectrum> all) {
    List<Neuron> rows = new ArrayList<>(all.size());
    for (NeuronSpectrum n : all) {
      rows.add(new Neuron(n.dominant(), n.alpha(), n.beta(), n.phi(), n.psi(), null, null));
    }
    return rows;
  }
}
