package io.grokking.trainer.model.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.fourier.FourierBasis;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The measures move as Nanda et al. 2023 (Sec. 5) describe once the transformer has learnt
 * a + b mod 11 from 80 % of the pairs with weight decay: few key frequencies, the key frequencies
 * alone carry the prediction (restricted loss near 0, far below excluded loss), and the neurons'
 * and the embedding's spectra grow sparse. About 3 s.
 */
class TransformerProbeLearningTest {
  private static final int P = 11;
  /** Adam as Nanda et al. (β = 0.9, 0.98) with decoupled weight decay, no warm-up. */
  private static final int STEPS = 1000;
  private static final double STEP_SIZE = 3e-3;
  private static final double WEIGHT_DECAY = 1.0;

  @Test
  void afterLearningAdditionTheKeyFrequenciesCarryThePrediction() {
    TransformerLayout layout = new TransformerLayout(new TransformerShape(P, 32, 4, 8, 128));
    int[] order = IntStream.range(0, P * P).toArray();
    Random random = new Random(0);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int s = order[i];
      order[i] = order[j];
      order[j] = s;
    }
    int[] train = Arrays.copyOf(order, (int) Math.round(0.8 * P * P));
    int[] a = IntStream.of(train).map(i -> i / P).toArray();
    int[] b = IntStream.of(train).map(i -> i % P).toArray();
    int[] y = IntStream.of(train).map(i -> (i / P + i % P) % P).toArray();
    INDArray params = TransformerInit.initialise(layout, 0, DataType.DOUBLE);
    INDArray grad = layout.zeros(DataType.DOUBLE);
    TransformerPasses passes = new TransformerPasses(layout, a, b, y, params, grad);
    TransformerProbe probe = new TransformerProbe(layout, params, FourierBasis.of(P), train, true);
    TransformerMeasurement initial = probe.measure();

    int n = (int) layout.length();
    double[] m = new double[n];
    double[] v = new double[n];
    for (int step = 1; step <= STEPS; step++) {
      passes.forward();
      passes.backward();
      double[] w = params.toDoubleVector();
      double[] g = grad.toDoubleVector();
      for (int i = 0; i < n; i++) {
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        v[i] = 0.98 * v[i] + 0.02 * g[i] * g[i];
        double mh = m[i] / (1 - Math.pow(0.9, step));
        double vh = v[i] / (1 - Math.pow(0.98, step));
        w[i] -= STEP_SIZE * (mh / (Math.sqrt(vh) + 1e-8) + WEIGHT_DECAY * w[i]);
      }
      params.assign(Nd4j.create(w, new long[] {1, n}, 'c'));
    }
    passes.forward();  // the loss and accuracy of the final parameters
    TransformerMeasurement last = probe.measure();
    assertThat(passes.accuracy()).as("train accuracy").isEqualTo(1.0);
    // At p = 11 all K = 5 frequencies are key at initialisation (each holds ~1/5 of neurons).
    assertThat(initial.keyFrequencies()).hasSizeGreaterThan(3);
    assertThat(last.keyFrequencies()).as("key frequencies %s", last.keyFrequenciesString())
        .hasSizeLessThanOrEqualTo(3);
    assertThat(last.ablation().restrictedLoss()).as("restricted loss")
        .isLessThan(0.1)
        .isLessThan(last.ablation().excludedLoss());
    assertThat(last.ipr()).as("IPR from %s", initial.ipr()).isGreaterThan(initial.ipr());
    assertThat(last.giniEmbedding()).as("Gini of W_E from %s", initial.giniEmbedding())
        .isGreaterThan(initial.giniEmbedding());
  }
}
