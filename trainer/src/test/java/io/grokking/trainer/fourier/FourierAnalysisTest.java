package io.grokking.trainer.fourier;

import static io.grokking.trainer.fourier.SyntheticWeights.angleBetween;
import static io.grokking.trainer.fourier.SyntheticWeights.concat;
import static io.grokking.trainer.fourier.SyntheticWeights.cosine;
import static io.grokking.trainer.fourier.SyntheticWeights.wIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FourierAnalysisTest {
  private static final int P = 23;
  private static final int WIDTH = 30;
  private static final int[] KEYS = {2, 5, 7, 11};

  private static int k(int j) {
    return KEYS[j % KEYS.length];
  }

  private static double alpha(int j) {
    return 0.5 + 0.1 * j;
  }

  private static double beta(int j) {
    return 1.0 + 0.05 * j;
  }

  private static double phi(int j) {
    return -Math.PI + 2 * Math.PI * (j + 0.5) / WIDTH;
  }

  /** Neuron j is exactly α_j cos(ω_k n + φ_j) in and β_j cos(ω_k n + ψ_j) out. */
  private static List<NeuronSpectrum> grokked(boolean concat, double psiOffset) {
    double[][] in = new double[WIDTH][];
    double[][] out = new double[WIDTH][];
    for (int j = 0; j < WIDTH; j++) {
      double[] a = cosine(P, k(j), alpha(j), phi(j));
      // For concat, b gets its own phase and amplitude: only a defines φ.
      in[j] = concat ? concat(a, cosine(P, k(j), 0.3, 1.0 - phi(j))) : a;
      out[j] = cosine(P, k(j), beta(j), 2 * phi(j) + psiOffset);
    }
    return FourierAnalysis.analyze(wIn(in), out, P, concat);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void recoversEveryNeuronsFrequencyMagnitudesAndPhases(boolean concat) {
    List<NeuronSpectrum> neurons = grokked(concat, 0.0);
    assertThat(neurons).hasSize(WIDTH);
    for (int j = 0; j < WIDTH; j++) {
      NeuronSpectrum n = neurons.get(j);
      assertThat(n.dominant()).as("neuron %d", j).isEqualTo(k(j));
      assertThat(n.alpha()).isCloseTo(alpha(j), within(1e-9));
      assertThat(n.beta()).isCloseTo(beta(j), within(1e-9));
      assertThat(angleBetween(n.phi(), phi(j))).isCloseTo(0.0, within(1e-9));
      assertThat(angleBetween(n.psi(), 2 * phi(j))).isCloseTo(0.0, within(1e-9));
    }
    assertThat(FourierAnalysis.dominant(neurons)).containsExactly(
        IntStream.range(0, WIDTH).map(FourierAnalysisTest::k).toArray());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void singleFrequencyAlignedNeuronsGiveIprOneNoMisalignmentAndFullSparsity(boolean concat) {
    FourierSummary s = FourierSummary.of(grokked(concat, 0.0));
    assertThat(s.ipr()).isCloseTo(1.0, within(1e-12));
    assertThat(s.phaseMisalignment()).isCloseTo(0.0, within(1e-12));
    assertThat(s.nFrequencies()).isEqualTo(4);
    assertThat(s.keyFrequencies()).containsExactly(2, 5, 7, 11);
    assertThat(s.keyFrequenciesString()).isEqualTo("2,5,7,11");
    assertThat(s.fourierSparsity()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void quarterTurnOffPhaseAlignmentIsMisalignmentOne() {
    assertThat(FourierSummary.of(grokked(false, Math.PI / 2)).phaseMisalignment())
        .isCloseTo(1.0, within(1e-12));
    // ψ = 2φ + π is aligned up to the sign of β, which |sin| ignores.
    assertThat(FourierSummary.of(grokked(false, Math.PI)).phaseMisalignment())
        .isCloseTo(0.0, within(1e-12));
  }

  @Test
  void twoEqualFrequenciesInOneNeuronHaveIprOneHalf() {
    double[] v = SyntheticWeights.plus(cosine(P, 3, 1.0, 0.2), cosine(P, 8, 1.0, -1.1));
    List<NeuronSpectrum> n = FourierAnalysis.analyze(wIn(new double[][] {v}),
        new double[][] {v}, P, false);
    assertThat(FourierSummary.of(n).ipr()).isCloseTo(0.5, within(1e-12));
    assertThat(n.get(0).dominant()).isIn(3, 8);
  }

  /**
   * Neurons on frequency 3, one on frequency 4; all amplitudes 1 in both layers, so frequency 4
   * holds 1/(n + 1) of the energy. It is key while that is at least half the even share, 0.5/K =
   * 1/22 at p = 23: with 20 neurons on 3 it holds 1/21, with 22 only 1/23. (Under the
   * neuron-count rule of before, 5 % of the neurons, 20 neurons on 3 had already dropped it.)
   */
  @ParameterizedTest
  @CsvSource({"20, '3,4', 1.0", "22, '3', 0.9565217391304348"})
  void keyFrequenciesHoldHalfTheEvenShareOfEnergyAndSparsityIsTheirEnergyShare(int onThree,
      String keys, double sparsity) {
    double[][] in = new double[onThree + 1][];
    for (int j = 0; j < onThree; j++) {
      in[j] = cosine(P, 3, 1.0, 0.1 * j);
    }
    in[onThree] = cosine(P, 4, 1.0, 0.0);
    FourierSummary s = FourierSummary.of(FourierAnalysis.analyze(wIn(in), in, P, false));
    assertThat(s.keyFrequenciesString()).isEqualTo(keys);
    assertThat(s.nFrequencies()).isEqualTo(2);
    assertThat(s.fourierSparsity()).isCloseTo(sparsity, within(1e-12));
  }

  @Test
  void expectedRandomIprIsTwoOverKPlusOne() {
    assertThat(FourierSummary.expectedRandomIpr(23, false)).isCloseTo(2.0 / 12, within(1e-15));
    assertThat(FourierSummary.expectedRandomIpr(113, false)).isCloseTo(2.0 / 57, within(1e-15));
    assertThat(FourierSummary.expectedRandomIpr(23, true))
        .isCloseTo((2.0 / 12 + 3.0 / 23) / 2, within(1e-15));
  }

  /** Checks the derivation of {@link FourierSummary#expectedRandomIpr} by simulation. */
  @ParameterizedTest
  @CsvSource({"23, false", "23, true", "31, false"})
  void gaussianWeightsHaveTheDerivedRandomIpr(int p, boolean concat) {
    Random random = new Random(7);
    int width = 4000;
    double[][] wIn = new double[concat ? 2 * p : p][width];
    double[][] wOut = new double[width][p];
    for (double[] row : wIn) {
      for (int j = 0; j < width; j++) {
        row[j] = 0.01 * random.nextGaussian();
      }
    }
    for (double[] row : wOut) {
      for (int n = 0; n < p; n++) {
        row[n] = 0.01 * random.nextGaussian();
      }
    }
    FourierSummary s = FourierSummary.of(FourierAnalysis.analyze(wIn, wOut, p, concat));
    // The standard error of the mean over 8000 spectra is about 0.0006 here.
    assertThat(s.ipr()).isCloseTo(FourierSummary.expectedRandomIpr(p, concat), within(0.003));
    assertThat(s.phaseMisalignment()).isCloseTo(2 / Math.PI, within(0.02));  // E|sin U|
  }

  @Test
  void deadNeuronsAreLeftOut() {
    double[][] in = {cosine(P, 6, 1.0, 0.3), new double[P]};
    double[][] out = {cosine(P, 6, 1.0, 0.6), new double[P]};
    List<NeuronSpectrum> n = FourierAnalysis.analyze(wIn(in), out, P, false);
    assertThat(n.get(1).dominant()).isZero();
    FourierSummary s = FourierSummary.of(n);
    assertThat(s.ipr()).isCloseTo(1.0, within(1e-12));
    assertThat(s.nFrequencies()).isEqualTo(1);
    assertThat(s.keyFrequencies()).containsExactly(6);
    assertThat(s.phaseMisalignment()).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void rejectsShapesThatDoNotMatchTheEncoding() {
    assertThatThrownBy(() -> FourierAnalysis.analyze(new double[23][4], new double[4][23], 23,
        true)).hasMessage("W_in must have 46 rows for p = 23 (concat), found 23");
    assertThatThrownBy(() -> FourierAnalysis.analyze(new double[23][4], new double[5][23], 23,
        false)).hasMessage("W_out must have one row per neuron (4), found 5");
    assertThatThrownBy(() -> FourierAnalysis.analyze(new double[23][1], new double[1][22], 23,
        false)).hasMessage("W_out row 0 must have p = 23 entries, found 22");
  }
}
