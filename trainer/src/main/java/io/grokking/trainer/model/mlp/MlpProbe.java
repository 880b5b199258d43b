package io.grokking.trainer.model.mlp;

import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.fourier.FourierAnalysis;
import io.grokking.trainer.fourier.LotteryOde;
import io.grokking.trainer.fourier.LotteryTicket;
import io.grokking.trainer.fourier.MajorityVoting;
import io.grokking.trainer.fourier.NeuronSpectrum;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.model.ModelProbe;
import io.grokking.trainer.task.Embeddings;
import io.grokking.trainer.task.ModularTask;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The MLP's measures (He et al. 2026, Sec. 2; Nanda et al. 2023, Sec. 5.1) through {@link
 * FourierProbe}: each neuron's spectrum, the lottery ticket predicted at initialisation (by He et
 * al.'s gradient flow, {@link LotteryOde}, and by the magnitude-product rule beside it) and
 * majority voting. The lottery ticket and majority voting describe He et al.'s mechanism of
 * a + b; for an operation without it ({@link
 * io.grokking.trainer.config.Operation#additiveMechanism}) they are left empty.
 *
 * <p>A deeper MLP ({@code model.depth} &gt; 1) is read at its first hidden layer ({@link
 * FourierProbe}): its neurons have no output magnitude or phase, and the lottery ticket, whose
 * gradient flow and product rule both need them, is left empty; majority voting reads input
 * phases only and is kept. The spectra table's output energy is that of W_out's rows.
 */
public final class MlpProbe implements ModelProbe {
  private final FourierProbe fourier;
  private final MultiLayerNetwork net;
  private final Encoding encoding;
  /** False for a deeper MLP, read at its first layer without an output side. */
  private final boolean outputSide;
  /** The gradient-flow and the magnitude-product lottery tickets, null when not additive. */
  private int[] predicted;
  private int[] predictedProduct;
  /** The latest evaluation's measurement and its step, so finish() need not measure again. */
  private FourierProbe.Measurement last;
  private int lastStep = -1;

  public MlpProbe(RunSpec spec, ModularTask data, MultiLayerNetwork net) {
    this.fourier = FourierProbe.of(data, spec.train().encoding());
    this.net = net;
    this.encoding = spec.train().encoding();
    this.outputSide = FourierProbe.readsOutput(net);
  }

  @Override
  public List<Neuron> initial() {
    List<NeuronSpectrum> initial = fourier.spectra(net);
    if (fourier.additive() && outputSide) {
      predicted = LotteryOde.predict(initial, fourier.modulus());
      predictedProduct = LotteryTicket.predict(initial);
    }
    return neurons(initial);
  }

  @Override
  public Reading measure(StepMetrics row, double[][] logits) {
    FourierProbe.Measurement m = fourier.measureAll(net, logits);
    last = m;
    lastStep = row.step();
    List<NeuronSpectrum> all = m.neurons();
    double[] in = NeuronSpectrum.inputTotals(all);
    double[] out = outputSide ? NeuronSpectrum.outputTotals(all) : fourier.outputEnergy(net);
    return new Reading(FourierProbe.withMeasurement(row, m), in, out);
  }

  /**
   * The first layer's rows for x and for y (its two halves with the concat encoding, the whole
   * layer for both with the sum encoding, where x and y share their one-hot rows) and the output
   * layer W_out (h × N), at any depth.
   */
  @Override
  public Embeddings embeddings() {
    double[][] wIn = FourierProbe.weights(net, ModularMlp.W_IN);
    double[][] wOut = FourierProbe.weights(net, ModularMlp.outputWeightKey(net));
    if (encoding == Encoding.CONCAT) {
      int n = wIn.length / 2;
      return new Embeddings(Arrays.copyOfRange(wIn, 0, n), Arrays.copyOfRange(wIn, n, 2 * n),
          wOut);
    }
    return new Embeddings(wIn, wIn, wOut);
  }

  @Override
  public Final finish(int step) {
    // The last row is normally an evaluation row of these very weights: reuse its measurement.
    FourierProbe.Measurement m = lastStep == step ? last : fourier.measureAll(net);
    String keys = m.summary().keyFrequenciesString();
    if (!fourier.additive()) {
      return new Final(neurons(m.neurons()), new Mechanisms(null, null, keys, null, null));
    }
    String voting = MajorityVoting.encode(MajorityVoting.summarize(m.neurons(),
        m.summary().keyFrequencies()));
    if (!outputSide) {
      return new Final(neurons(m.neurons()), new Mechanisms(null, null, keys, voting, null));
    }
    int[] dominant = FourierAnalysis.dominant(m.neurons());
    return new Final(neurons(m.neurons()), new Mechanisms(
        LotteryTicket.hitRate(predicted, dominant), LotteryTicket.chance(fourier.modulus()), keys,
        voting, LotteryTicket.hitRate(predictedProduct, dominant)));
  }

  private List<Neuron> neurons(List<NeuronSpectrum> all) {
    List<Neuron> rows = new ArrayList<>(all.size());
    for (int j = 0; j < all.size(); j++) {
      NeuronSpectrum n = all.get(j);
      rows.add(new Neuron(n.dominant(), n.alpha(), outputSide ? n.beta() : null, n.phi(),
          outputSide ? n.psi() : null,
          predicted == null ? null : predicted[j],
          predictedProduct == null ? null : predictedProduct[j]));
    }
    return rows;
  }
}
