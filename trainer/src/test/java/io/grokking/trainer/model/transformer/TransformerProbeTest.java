package io.grokking.trainer.model.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.fourier.FourierBasis;
import io.grokking.trainer.fourier.Gini;
import io.grokking.trainer.fourier.LogitAblation;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The transformer's probe against a direct route: the SameDiff graph's activations and logits,
 * put through {@link TransformerNeuron#of} and {@link LogitAblation#of} one neuron at a time.
 */
class TransformerProbeTest {
  private static final int P = 7;
  private static final TransformerShape SHAPE = new TransformerShape(P, 16, 2, 8, 32);
  private static final TransformerLayout LAYOUT = new TransformerLayout(SHAPE);
  private static final FourierBasis BASIS = FourierBasis.of(P);
  /** Every third pair, neither all inputs nor symmetric in a and b. */
  private static final int[] TRAIN = IntStream.range(0, P * P).filter(i -> i % 3 == 0).toArray();

  /** Every parameter N(0, scale²), biases included, so that many neurons are alive. */
  private static INDArray randomParams(DataType type, double scale, long seed) {
    Random random = new Random(seed);
    INDArray flat = LAYOUT.zeros(type);
    for (long i = 0; i < LAYOUT.length(); i++) {
      flat.putScalar(0, i, scale * random.nextGaussian());
    }
    return flat;
  }

  /** The graph's logits (n × (p+1)) and MLP activations (n × 3 × dMlp) on all p² pairs. */
  private static Map<String, INDArray> graphOutputs(INDArray params) {
    int[] a = IntStream.range(0, P * P).map(i -> i / P).toArray();
    int[] b = IntStream.range(0, P * P).map(i -> i % P).toArray();
    int[] y = IntStream.range(0, P * P).map(i -> (i / P + i % P) % P).toArray();
    SameDiff sd = TransformerGraph.build(LAYOUT, params);
    return sd.output(TransformerGraph.placeholders(SHAPE, a, b, y, params.dataType()),
        TransformerGraph.LOGITS, TransformerGraph.MLP_POST);
  }

  @Test
  void neuronFrequenciesEqualTheTableStepOnTheGraphsActivations() {
    INDArray params = randomParams(DataType.DOUBLE, 0.5, 1);
    TransformerMeasurement m = new TransformerProbe(LAYOUT, params, BASIS, TRAIN, true).measure();
    INDArray post = graphOutputs(params).get(TransformerGraph.MLP_POST);
    int live = 0;
    for (int j = 0; j < SHAPE.dMlp(); j++) {
      double[][] table = new double[P][P];
      for (int i = 0; i < P * P; i++) {
        table[i / P][i % P] = post.getDouble(i, TransformerShape.READOUT, j);
      }
      TransformerNeuron expected = TransformerNeuron.of(table, BASIS);
      TransformerNeuron actual = m.neurons().get(j);
      assertThat(actual.frequency()).as("neuron %s", j).isEqualTo(expected.frequency());
      assertThat(actual.total()).as("neuron %s", j).isCloseTo(expected.total(), within(1e-9));
      assertThat(actual.energy()).as("neuron %s", j).containsExactly(expected.energy(),
          within(1e-9));
      live += actual.live() ? 1 : 0;
    }
    assertThat(live).as("live neurons").isGreaterThan(SHAPE.dMlp() / 2);
  }

  @Test
  void restrictedAndExcludedLossAreTheAblationOfTheGraphsResidueLogits() {
    INDArray params = randomParams(DataType.DOUBLE, 0.5, 2);
    TransformerMeasurement m = new TransformerProbe(LAYOUT, params, BASIS, TRAIN, true).measure();
    INDArray logits = graphOutputs(params).get(TransformerGraph.LOGITS);
    double[][] residues = new double[P * P][P];
    for (int i = 0; i < P * P; i++) {
      for (int c = 0; c < P; c++) {
        residues[i][c] = logits.getDouble(i, c);
      }
    }
    LogitAblation expected = LogitAblation.of(residues, BASIS, m.keyFrequencies(), TRAIN);
    assertThat(m.ablation()).isNotNull();
    assertThat(m.ablation().restrictedLoss())
        .isCloseTo(expected.restrictedLoss(), within(1e-10));
    assertThat(m.ablation().excludedLoss()).isCloseTo(expected.excludedLoss(), within(1e-10));
  }

  @Test
  void aNonAdditiveOperationHasNoAblationButEveryOtherMeasure() {
    INDArray params = randomParams(DataType.DOUBLE, 0.5, 2);
    TransformerMeasurement m = new TransformerProbe(LAYOUT, params, BASIS, TRAIN, false).measure();
    TransformerMeasurement add = new TransformerProbe(LAYOUT, params, BASIS, TRAIN, true)
        .measure();
    assertThat(m.ablation()).isNull();
    assertThat(m.keyFrequencies()).containsExactly(add.keyFrequencies());
    assertThat(m.ipr()).isEqualTo(add.ipr());
  }

  @Test
  void aFreshTransformerHasValidMeasures() {
    INDArray params = TransformerInit.initialise(LAYOUT, 0, DataType.DOUBLE);
    TransformerMeasurement m = new TransformerProbe(LAYOUT, params, BASIS, TRAIN, true).measure();
    int k = BASIS.frequencies();
    assertThat(m.neurons()).hasSize(SHAPE.dMlp());
    for (TransformerNeuron n : m.neurons()) {
      if (n.live()) {
        assertThat(n.frequency()).isBetween(1, k);
        assertThat(n.share()).isBetween(0.0, 1.0);
      } else {
        assertThat(n.frequency()).isEqualTo(TransformerNeuron.NO_FREQUENCY);
      }
    }
    assertThat(m.keyFrequencies()).isNotEmpty().isSorted();
    assertThat(m.nFrequencies()).isBetween(m.keyFrequencies().length, k);
    assertThat(m.ipr()).isBetween(1.0 / k, 1.0);
    assertThat(m.fourierSparsity()).isBetween(0.0, 1.0);
    assertThat(m.giniEmbedding()).isBetween(0.0, 1.0).isLessThan(1.0);
    assertThat(m.giniUnembedding()).isBetween(0.0, 1.0).isLessThan(1.0);
    assertThat(m.embeddingEnergy()).hasSize(k + 1);
    assertThat(m.unembeddingEnergy()).hasSize(k + 1);
    assertThat(m.ablation().restrictedLoss()).isPositive();
    assertThat(m.ablation().excludedLoss()).isPositive();
  }

  @Test
  void theProbeReadsTheParametersAsTheyAreAtEachMeasurement() {
    INDArray params = randomParams(DataType.DOUBLE, 0.5, 3);
    TransformerProbe probe = new TransformerProbe(LAYOUT, params, BASIS, TRAIN, true);
    TransformerMeasurement before = probe.measure();
    params.assign(randomParams(DataType.DOUBLE, 0.5, 4));
    TransformerMeasurement after = probe.measure();
    TransformerMeasurement fresh = new TransformerProbe(LAYOUT, params, BASIS, TRAIN, true)
        .measure();
    assertThat(after.embeddingEnergy()).isNotEqualTo(before.embeddingEnergy())
        .containsExactly(fresh.embeddingEnergy());
    assertThat(after.ablation()).isEqualTo(fresh.ablation());
    assertThat(after.ipr()).isEqualTo(fresh.ipr());
  }

  @Test
  void float32ParametersMeasureAsFloat64Ones() {
    INDArray doubles = randomParams(DataType.DOUBLE, 0.5, 5);
    INDArray floats = LAYOUT.zeros(DataType.FLOAT);
    floats.assign(doubles.castTo(DataType.FLOAT));
    TransformerMeasurement d = new TransformerProbe(LAYOUT, doubles, BASIS, TRAIN, true).measure();
    TransformerMeasurement f = new TransformerProbe(LAYOUT, floats, BASIS, TRAIN, true).measure();
    assertThat(f.ipr()).isCloseTo(d.ipr(), within(1e-4));
    assertThat(f.fourierSparsity()).isCloseTo(d.fourierSparsity(), within(1e-4));
    assertThat(f.giniEmbedding()).isCloseTo(d.giniEmbedding(), within(1e-5));
    assertThat(f.ablation().restrictedLoss())
        .isCloseTo(d.ablation().restrictedLoss(), within(1e-4));
  }

  @Test
  void anEmbeddingOfPureWavesHasAllItsNonConstantEnergyAtTheirFrequency() {
    int d = 6;
    int k = 2;
    double[][] wE = new double[P + 1][d];
    double[][] wU = new double[d][P + 1];
    for (int c = 0; c < d; c++) {
      for (int n = 0; n < P; n++) {
        double wave = (1 + c) * Math.cos(2 * Math.PI * k * n / P + 0.3 * c);
        wE[n][c] = 0.5 + wave;
        wU[c][n] = wave;
      }
      // The '=' row and column are not residues and must not count.
      wE[P][c] = 100;
      wU[c][P] = 100;
    }
    double[] in = TransformerProbe.embeddingEnergy(wE, BASIS);
    double[] out = TransformerProbe.unembeddingEnergy(wU, BASIS);
    double waves = 0;
    for (int c = 0; c < d; c++) {
      waves += (1 + c) * (1 + c) * P / 2.0;
    }
    for (int f = 1; f <= BASIS.frequencies(); f++) {
      assertThat(in[f]).as("W_E at k = %s", f).isCloseTo(f == k ? waves : 0, within(1e-9));
      assertThat(out[f]).as("W_U at k = %s", f).isCloseTo(f == k ? waves : 0, within(1e-9));
    }
    assertThat(in[0]).isCloseTo(d * 0.25 * P, within(1e-9));
    assertThat(out[0]).isCloseTo(0, within(1e-9));
    // One frequency of K = 3 holds everything: (K − 1)/K.
    assertThat(Gini.of(in, 1, in.length)).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void theProbeReadsTheEmbeddingOfTheParameterVector() {
    INDArray params = randomParams(DataType.DOUBLE, 0.5, 6);
    TransformerMeasurement m = new TransformerProbe(LAYOUT, params, BASIS, TRAIN, true).measure();
    double[][] wE = LAYOUT.view(params, TransformerParameter.W_E).toDoubleMatrix();
    double[][] wU = LAYOUT.view(params, TransformerParameter.W_U).toDoubleMatrix();
    assertThat(m.embeddingEnergy())
        .containsExactly(TransformerProbe.embeddingEnergy(wE, BASIS), within(1e-12));
    assertThat(m.unembeddingEnergy())
        .containsExactly(TransformerProbe.unembeddingEnergy(wU, BASIS), within(1e-12));
  }

  @Test
  void aBasisOfAnotherModulusIsRejected() {
    INDArray params = LAYOUT.zeros(DataType.DOUBLE);
    assertThatThrownBy(() -> new TransformerProbe(LAYOUT, params, FourierBasis.of(11), TRAIN,
        true)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("basis modulus must equal the transformer's p = 7, found 11");
  }
}
