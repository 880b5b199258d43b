package io.grokking.trainer.task.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.fourier.FourierAnalysis;
import io.grokking.trainer.fourier.NeuronSpectrum;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepresentationBasisTest {
  private static final double TOL = 1e-9;

  static double[][] gaussian(Random random, int rows, int cols) {
    double[][] out = new double[rows][cols];
    for (double[] row : out) {
      for (int c = 0; c < cols; c++) {
        row[c] = random.nextGaussian();
      }
    }
    return out;
  }

  /**
   * For C_p the share of each irrep equals the Fourier energy of the same weights at the matching
   * frequency, as {@code fourier.FourierAnalysis} computes it neuron by neuron: trivial is
   * frequency 0, freq_k is k, sign (even p) is the Nyquist frequency p/2. Checked on the input
   * weights (columns of W_in, p × width) and the output weights (rows of W_out, width × p).
   */
  @ParameterizedTest
  @ValueSource(ints = {23, 24, 5})
  void cyclicSharesEqualTheFourierEnergiesFrequencyByFrequency(int p) {
    int width = 17;
    Random random = new Random(p);
    double[][] wIn = gaussian(random, p, width);
    double[][] wOut = gaussian(random, width, p);
    List<NeuronSpectrum> neurons = FourierAnalysis.analyze(wIn, wOut, p, false);
    int frequencies = p / 2;
    double[] inEnergy = new double[frequencies + 1];
    double[] outEnergy = new double[frequencies + 1];
    for (NeuronSpectrum neuron : neurons) {
      for (int k = 0; k <= frequencies; k++) {
        inEnergy[k] += neuron.inputEnergy()[k];
        outEnergy[k] += neuron.outputEnergy()[k];
      }
    }
    double inTotal = Arrays.stream(inEnergy).sum();
    double outTotal = Arrays.stream(outEnergy).sum();

    RepresentationBasis basis = RepresentationBasis.of(FiniteGroup.cyclic(p));
    double[] inShares = basis.shares(wIn);
    double[] outShares = basis.sharesOfColumns(wOut);
    for (int r = 0; r < basis.irreps().size(); r++) {
      String name = basis.irreps().get(r).name();
      int k = name.equals("trivial") ? 0 : name.equals("sign") ? p / 2
          : Integer.parseInt(name.substring("freq_".length()));
      assertThat(inShares[r]).as("W_in %s vs frequency %d", name, k)
          .isCloseTo(inEnergy[k] / inTotal, within(TOL));
      assertThat(outShares[r]).as("W_out %s vs frequency %d", name, k)
          .isCloseTo(outEnergy[k] / outTotal, within(TOL));
    }
    assertThat(basis.irreps()).hasSize(frequencies + 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"C9", "C10", "D5", "D8", "S3", "S4", "S5", "A4", "A5", "A6"})
  void sharesOfAnyMatrixSumToOneAndCentringEmptiesTheTrivialIrrep(String name) {
    RepresentationBasis basis = RepresentationBasis.of(FiniteGroup.parse(name));
    int n = basis.group().order();
    int spans = 0;
    for (int r = 0; r < basis.irreps().size(); r++) {
      spans += basis.spanDimension(r);
    }
    assertThat(spans).as("the spans fill R^N").isEqualTo(n);

    Random random = new Random(5);
    double[][] w = gaussian(random, n, 8);
    for (double[] row : w) {
      row[3] += 4; // a column with a large mean, so the trivial share is far from 0
    }
    double[] shares = basis.shares(w);
    assertThat(Arrays.stream(shares).sum()).isCloseTo(1.0, within(TOL));
    assertThat(Arrays.stream(shares).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
    assertThat(shares[0]).isGreaterThan(0.1);

    for (int c = 0; c < 8; c++) {
      double mean = 0;
      for (double[] row : w) {
        mean += row[c] / n;
      }
      for (double[] row : w) {
        row[c] -= mean;
      }
    }
    double[] centred = basis.shares(w);
    assertThat(centred[0]).isCloseTo(0.0, within(TOL));
    assertThat(Arrays.stream(centred).skip(1).sum()).isCloseTo(1.0, within(TOL));
  }

  /** Worked example: W whose columns are ρ's matrix elements, mixed at random, is all ρ. */
  @ParameterizedTest
  @ValueSource(strings = {"C8", "D6", "S4", "S5", "A5"})
  void aMatrixBuiltFromOneIrrepsMatrixElementsHasShareOneOnIt(String name) {
    FiniteGroup g = FiniteGroup.parse(name);
    RepresentationBasis basis = RepresentationBasis.of(g);
    Random random = new Random(9);
    for (int r = 0; r < basis.irreps().size(); r++) {
      Irrep irrep = basis.irreps().get(r);
      int d = irrep.dim();
      double[][] mix = gaussian(random, d * d, 6);
      double[][] w = new double[g.order()][6];
      for (int x = 0; x < g.order(); x++) {
        for (int e = 0; e < d * d; e++) {
          for (int c = 0; c < 6; c++) {
            w[x][c] += irrep.entry(x, e / d, e % d) * mix[e][c];
          }
        }
      }
      double[] shares = basis.shares(w);
      for (int s = 0; s < shares.length; s++) {
        assertThat(shares[s]).as("%s: W from %s, share of %s", name, irrep,
            basis.irreps().get(s)).isCloseTo(s == r ? 1.0 : 0.0, within(TOL));
      }
    }
  }

  @Test
  void basisVectorsAreOrthonormalAcrossIrreps() {
    RepresentationBasis basis = RepresentationBasis.of(FiniteGroup.alternating(5));
    double[][] all = basis.irreps().stream()
        .flatMap(i -> Arrays.stream(basis.basis(basis.indexOf(i.name())))).toArray(double[][]::new);
    assertThat(all).hasNumberOfRows(60);
    for (int a = 0; a < all.length; a++) {
      for (int b = 0; b < all.length; b++) {
        double dot = 0;
        for (int g = 0; g < 60; g++) {
          dot += all[a][g] * all[b][g];
        }
        assertThat(dot).isCloseTo(a == b ? 1 : 0, within(TOL));
      }
    }
    assertThat(basis.spanDimension(basis.indexOf("(3,1,1)a"))).isEqualTo(9);
  }

  @Test
  void sharesOfColumnsAreTheSharesOfTheTranspose() {
    RepresentationBasis basis = RepresentationBasis.of(FiniteGroup.dihedral(5));
    double[][] u = gaussian(new Random(1), 4, 10);
    double[][] t = new double[10][4];
    for (int i = 0; i < 4; i++) {
      for (int g = 0; g < 10; g++) {
        t[g][i] = u[i][g];
      }
    }
    assertThat(basis.sharesOfColumns(u)).containsExactly(basis.shares(t), within(1e-15));
  }
}
