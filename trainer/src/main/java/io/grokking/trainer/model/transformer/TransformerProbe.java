package io.grokking.trainer.model.transformer;

import io.grokking.trainer.fourier.FourierBasis;
import io.grokking.trainer.fourier.FourierSummary;
import io.grokking.trainer.fourier.Gini;
import io.grokking.trainer.fourier.LogitAblation;
import io.grokking.trainer.fourier.Matrices;
import io.grokking.trainer.numeric.Gemm;
import io.grokking.trainer.numeric.OffHeap;
import io.grokking.trainer.task.ModularTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The mechanistic measures of the one-layer transformer (Nanda et al. 2023, "Progress measures
 * for grokking via mechanistic interpretability", Sec. 4–5), read from one run's parameter
 * vector. Built once per run, it owns a {@link TransformerBatchPasses} over all p² inputs (a, b) =
 * (i / p, i % p), bound to that vector, and every buffer it needs; {@link #measure()} then
 * allocates nothing off-heap, so it may run inside the trainer's per-step workspace.
 *
 * <p><b>Neuron frequencies</b> (Sec. 4–5, "key frequencies from the MLP neurons"). Neuron j's
 * activation at {@code =} is a p × p table A_j[a][b]; with more than one block
 * ({@code model.layers}) the neurons are the last block's, whose output the unembedding reads.
 * Its 2-D transform in the basis of {@link FourierBasis}, c[u][v] = Σ_{a,b} f_u[a]·f_v[b]·A_j[a][b] over basis vectors u, v ∈ {const, cos k,
 * sin k}, is taken for all neurons at once as two BLAS products. Centring removes c[const][const]
 * alone. The neuron's energy at frequency k is Σ c[u][v]² over u, v ∈ {const, cos k, sin k}, and
 * its frequency is the k whose energy is the largest share of its centred energy ({@link
 * TransformerNeuron}); terms mixing two non-zero frequencies belong to no k and count in the
 * total only. A neuron whose table is constant, a dead one included, has no frequency,
 * and is left out of every aggregate.
 *
 * <p><b>Aggregates</b>, parallel to the MLP's {@link FourierSummary} with the neuron's 2-D
 * energies in place of its weight spectra, except for the key frequencies: they are Nanda et
 * al.'s, the frequencies of at least {@link #KEY_NEURON_SHARE} (5 %) of the live neurons, or the
 * most common one if none reaches it. Their transformer concentrates its neurons on a handful of
 * frequencies, which this rule finds; the MLP, which spreads its neurons over every frequency,
 * chooses its key frequencies by energy instead ({@link FourierSummary#KEY_ENERGY_MULTIPLE}); ipr is the mean of Σ_k s_k² over live neurons (one spectrum
 * per neuron, where the MLP averages its input and output spectra); n_frequencies counts the
 * distinct neuron frequencies; fourier_sparsity is the share of the centred energy of all
 * neurons in the key frequencies' blocks (mixed terms count in the denominator only).
 *
 * <p><b>Restricted and excluded loss</b> (Sec. 5.1) come from {@link LogitAblation} applied to
 * the logits of all p² inputs, with the transformer's key frequencies, averaged over the training
 * pairs, for an additive operation only. The logit of {@code =} (class p) is dropped first, so the
 * softmax runs over the p residues as accuracy's arg-max does and as the MLP's ablation does: it
 * is never a label, and the training loss, which keeps it (as Nanda et al.'s code does), only
 * ever pushes it down.
 *
 * <p><b>Embedding spectra</b> (Sec. 4–5, which read W_E and W_U in the Fourier basis): the
 * energy per frequency of the residues' token embeddings W_E[0..p) along the token index and of
 * W_U's columns 0..p−1 along the class index, each summed over the d residual directions, and
 * the {@link Gini} coefficient of each over k = 1..K.
 *
 * <p>At Nanda et al.'s size (p = 113, d_mlp 512) a measurement took 0.3–0.4 s on a shared
 * 2-core machine, float32 or float64; the probe's own buffers hold p²·d_mlp numbers besides its
 * passes' activations of the same size.
 */
public final class TransformerProbe {
  /** A frequency is key when at least this share of the live neurons has it as frequency. */
  public static final double KEY_NEURON_SHARE = 0.05;

  private final TransformerShape shape;
  private final FourierBasis basis;
  private final int[] trainPairs;
  private final boolean additive;
  private final TransformerBatchPasses passes;
  private final TransformerSpectra spectra;
  private final INDArray wE;
  private final INDArray wU;
  /** The basis vectors as rows, p × p, in the parameters' type. */
  private final INDArray fourier;
  /** The MLP activations as p × (p·dMlp): row a, columns (b, j). */
  private final INDArray activationsByA;
  /** Σ_a f_u[a]·A_j[a][b], p × (p·dMlp): row u, columns (b, j). */
  private final INDArray firstPass;
  /** firstPass row u as p × dMlp (rows b), one view per u. */
  private final INDArray[] firstPassRows;
  /** c_j[u][v] for one u, p × dMlp (rows v). */
  private final INDArray coefficients;
  private final double[] coefficientsHeap;
  private final float[] coefficientsFloat;

  /**
   * @param layout the transformer's layout; its p must be the basis' modulus
   * @param params the run's flat parameter vector, read afresh at every {@link #measure()}
   * @param basis the Fourier basis of Z_p
   * @param trainPairs training pair indices a·p + b, on which restricted and excluded loss are
   *     averaged
   * @param additive whether the operation has the additive mechanism ({@link
   *     io.grokking.trainer.config.Operation#additiveMechanism()}); only then is the ablation taken
   */
  public TransformerProbe(TransformerLayout layout, INDArray params, FourierBasis basis,
      int[] trainPairs, boolean additive) {
    this.shape = layout.shape();
    int p = shape.p();
    if (basis.modulus() != p) {
      throw new IllegalArgumentException("basis modulus must equal the transformer's p = " + p
          + ", found " + basis.modulus());
    }
    if (additive && trainPairs.length == 0) {
      throw new IllegalArgumentException("train pairs must not be empty, found 0");
    }
    for (int pair : trainPairs) {
      if (pair < 0 || pair >= p * p) {
        throw new IllegalArgumentException(
            "train pair indices must be in [0, " + (p * p - 1) + "], found " + pair);
      }
    }
    this.basis = basis;
    this.trainPairs = trainPairs.clone();
    this.additive = additive;
    int dMlp = shape.dMlp();
    DataType type = params.dataType();
    int[] a = IntStream.range(0, p * p).map(i -> i / p).toArray();
    int[] b = IntStream.range(0, p * p).map(i -> i % p).toArray();
    // Labels are never read: only the logits and the activations are.
    int[] labels = IntStream.range(0, p * p).map(i -> (i / p + i % p) % p).toArray();
    this.spectra = new TransformerSpectra(basis, dMlp);
    try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      this.passes = TransformerBatchPasses.of(layout, a, b, labels, params, layout.zeros(type));
      this.wE = layout.view(params, TransformerParameter.W_E);
      this.wU = layout.view(params, TransformerParameter.W_U);
      this.fourier = Nd4j.create(spectra.vectors()).castTo(type);
      // The passes' dense n × dMlp buffer, rows a·p + b, read in place as p × (p·dMlp).
      INDArray h = passes.mlpActivations();
      this.activationsByA = Nd4j.create(h.data(), new long[] {p, (long) p * dMlp},
          new long[] {(long) p * dMlp, 1}, h.offset(), 'c', type);
      this.firstPass = Nd4j.create(type, p, (long) p * dMlp);
      this.firstPassRows = new INDArray[p];
      for (int u = 0; u < p; u++) {
        firstPassRows[u] = Nd4j.create(firstPass.data(), new long[] {p, dMlp},
            new long[] {dMlp, 1}, (long) u * p * dMlp, 'c', type);
      }
      this.coefficients = Nd4j.create(type, p, dMlp);
    }
    this.coefficientsHeap = new double[p * dMlp];
    this.coefficientsFloat = type == DataType.FLOAT ? new float[p * dMlp] : null;
  }

  /** A probe of {@code data}'s modulus, training pairs and operation. */
  public static TransformerProbe of(TransformerLayout layout, INDArray params, ModularTask data) {
    return new TransformerProbe(layout, params, FourierBasis.of(data.modulus()),
        data.train().pairs(), data.additive());
  }

  /** True when restricted and excluded loss are taken. */
  public boolean additive() {
    return additive;
  }

  /** Every measure on the parameters as they are now. */
  public TransformerMeasurement measure() {
    passes.forward();
    List<TransformerNeuron> neurons = neuronFrequencies();
    int[] keys = keyFrequencies(neurons, basis.frequencies());
    double iprSum = 0;
    double inKeys = 0;
    double total = 0;
    int live = 0;
    boolean[] seen = new boolean[basis.frequencies() + 1];
    for (TransformerNeuron neuron : neurons) {
      if (!neuron.live()) {
        continue;
      }
      live++;
      seen[neuron.frequency()] = true;
      iprSum += FourierSummary.ipr(neuron.energy());
      total += neuron.total();
      for (int k : keys) {
        inKeys += neuron.energy()[k];
      }
    }
    int distinct = 0;
    for (boolean s : seen) {
      distinct += s ? 1 : 0;
    }
    LogitAblation ablation = additive
        ? LogitAblation.of(residueLogits(), basis, keys, trainPairs)
        : null;
    double[] in = embeddingEnergy(Matrices.rows(wE), basis);
    double[] out = unembeddingEnergy(Matrices.rows(wU), basis);
    int frequencies = basis.frequencies();
    return new TransformerMeasurement(neurons, keys, live == 0 ? Double.NaN : iprSum / live,
        distinct, total > 0 ? inKeys / total : Double.NaN, ablation, in, out,
        Gini.of(in, 1, frequencies + 1), Gini.of(out, 1, frequencies + 1));
  }

  /**
   * Energy per frequency k = 0..K of the residues' embeddings: the first p rows of {@code wE}
   * ((p+1) × d, or p × d), each of its d columns projected over the token index.
   */
  public static double[] embeddingEnergy(double[][] wE, FourierBasis basis) {
    int p = basis.modulus();
    if (wE.length < p) {
      throw new IllegalArgumentException("W_E must have at least p = " + p + " rows, found "
          + wE.length);
    }
    int d = wE[0].length;
    double[] energy = new double[basis.frequencies() + 1];
    double[] column = new double[p];
    for (int c = 0; c < d; c++) {
      for (int n = 0; n < p; n++) {
        column[n] = wE[n][c];
      }
      addEnergy(energy, basis.project(column).energy());
    }
    return energy;
  }

  /**
   * Energy per frequency k = 0..K of the residues' unembeddings: the first p columns of {@code wU}
   * (d × (p+1), or d × p), each of its d rows projected over the class index.
   */
  public static double[] unembeddingEnergy(double[][] wU, FourierBasis basis) {
    int p = basis.modulus();
    double[] energy = new double[basis.frequencies() + 1];
    double[] row = new double[p];
    for (double[] r : wU) {
      if (r.length < p) {
        throw new IllegalArgumentException("W_U must have at least p = " + p + " columns, found "
            + r.length);
      }
      System.arraycopy(r, 0, row, 0, p);
      addEnergy(energy, basis.project(row).energy());
    }
    return energy;
  }

  /** The logits of the last forward pass over the first p classes, row a·p + b. */
  private double[][] residueLogits() {
    int p = shape.p();
    double[][] all = Matrices.rows(passes.logits());
    double[][] residues = new double[all.length][];
    for (int i = 0; i < all.length; i++) {
      residues[i] = Arrays.copyOf(all[i], p);
    }
    return residues;
  }

  /** The 2-D step of {@link TransformerNeuron#of} for every neuron, by BLAS. */
  private List<TransformerNeuron> neuronFrequencies() {
    int p = shape.p();
    int dMlp = shape.dMlp();
    spectra.clear();
    Gemm.gemm(fourier, false, activationsByA, false, firstPass);
    for (int u = 0; u < p; u++) {
      Gemm.gemm(fourier, false, firstPassRows[u], false, coefficients);
      readCoefficients();
      for (int v = 0; v < p; v++) {
        int row = v * dMlp;
        for (int j = 0; j < dMlp; j++) {
          spectra.add(j, u, v, coefficientsHeap[row + j]);
        }
      }
    }
    List<TransformerNeuron> neurons = new ArrayList<>(dMlp);
    for (int j = 0; j < dMlp; j++) {
      neurons.add(spectra.neuron(j));
    }
    return neurons;
  }

  private void readCoefficients() {
    if (coefficientsFloat == null) {
      OffHeap.read(coefficients, coefficientsHeap);
    } else {
      OffHeap.read(coefficients, coefficientsFloat);
      for (int i = 0; i < coefficientsFloat.length; i++) {
        coefficientsHeap[i] = coefficientsFloat[i];
      }
    }
  }

  /** Nanda et al.'s key frequencies: those of {@link #KEY_NEURON_SHARE} of the live neurons. */
  static int[] keyFrequencies(List<TransformerNeuron> neurons, int frequencies) {
    int[] count = new int[frequencies + 1];
    int live = 0;
    for (TransformerNeuron neuron : neurons) {
      if (neuron.live()) {
        count[neuron.frequency()]++;
        live++;
      }
    }
    if (live == 0) {
      return new int[0];
    }
    double threshold = KEY_NEURON_SHARE * live;
    int[] keys = IntStream.rangeClosed(1, frequencies)
        .filter(k -> count[k] > 0 && count[k] >= threshold).toArray();
    if (keys.length > 0) {
      return keys;
    }
    int best = 1;
    for (int k = 2; k <= frequencies; k++) {
      if (count[k] > count[best]) {
        best = k;
      }
    }
    return new int[] {best};
  }

  private static void addEnergy(double[] sum, double[] energy) {
    for (int k = 0; k < sum.length; k++) {
      sum[k] += energy[k];
    }
  }
}
