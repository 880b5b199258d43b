package io.grokking.trainer.task.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.fourier.FourierBasis;
import io.grokking.trainer.fourier.LogitAblation;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepresentationAblationTest {

  /**
   * For C_p the group projection reproduces Nanda et al.'s restricted and excluded logits as
   * {@code fourier.LogitAblation} computes them: their restricted logits keep the key frequencies
   * plus each class's mean (our trivial irrep), their excluded logits remove the key frequencies.
   */
  @ParameterizedTest
  @ValueSource(ints = {13, 14})
  void cyclicCaseMatchesTheFourierLogitAblation(int p) {
    Random random = new Random(p);
    double[][] logits = RepresentationBasisTest.gaussian(random, p * p, p);
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < p; b++) {
        // Some signal at frequency 2 so the losses differ from the noise floor.
        for (int c = 0; c < p; c++) {
          logits[a * p + b][c] += 3 * Math.cos(2 * Math.PI * 2 * (a + b - c) / p);
        }
      }
    }
    int[] trainPairs = IntStream.range(0, p * p).filter(i -> random.nextDouble() < 0.4).toArray();
    int[] keyFrequencies = {2, 5};
    LogitAblation nanda = LogitAblation.of(logits, FourierBasis.of(p), keyFrequencies,
        trainPairs);

    RepresentationBasis basis = RepresentationBasis.of(FiniteGroup.cyclic(p));
    int[] key = {basis.indexOf("freq_2"), basis.indexOf("freq_5")};
    int[] keyAndTrivial = {0, key[0], key[1]};
    FiniteGroup g = basis.group();
    assertThat(RepresentationAblation.meanCrossEntropy(g,
        RepresentationAblation.restrict(basis, logits, keyAndTrivial), trainPairs))
        .isCloseTo(nanda.restrictedLoss(), within(1e-10));
    assertThat(RepresentationAblation.meanCrossEntropy(g,
        RepresentationAblation.exclude(basis, logits, key), trainPairs))
        .isCloseTo(nanda.excludedLoss(), within(1e-10));
  }

  @ParameterizedTest
  @ValueSource(strings = {"S4", "D6", "A4"})
  void restrictionIsAnOrthogonalProjectionOverPairs(String name) {
    RepresentationBasis basis = RepresentationBasis.of(FiniteGroup.parse(name));
    int n = basis.group().order();
    double[][] m = RepresentationBasisTest.gaussian(new Random(8), n * n, 5);
    int[] irreps = {1, basis.irreps().size() - 1};
    double[][] restricted = RepresentationAblation.restrict(basis, m, irreps);
    double[][] excluded = RepresentationAblation.exclude(basis, m, irreps);
    double[][] twice = RepresentationAblation.restrict(basis, restricted, irreps);
    for (int c = 0; c < 5; c++) {
      double cross = 0;
      double norm = 0;
      for (int p = 0; p < n * n; p++) {
        assertThat(restricted[p][c] + excluded[p][c]).isCloseTo(m[p][c], within(1e-12));
        assertThat(twice[p][c]).isCloseTo(restricted[p][c], within(1e-12));
        cross += restricted[p][c] * excluded[p][c];
        norm += restricted[p][c] * restricted[p][c];
      }
      assertThat(cross).isCloseTo(0.0, within(1e-9));
      assertThat(norm).isGreaterThan(1e-3);
    }
    // Over every irrep, a function of x·y alone is left as it is.
    int[] all = IntStream.range(0, basis.irreps().size()).toArray();
    double[][] ofProduct = new double[n * n][1];
    double[] f = new Random(3).doubles(n).toArray();
    for (int p = 0; p < n * n; p++) {
      ofProduct[p][0] = f[basis.group().multiply(p / n, p % n)];
    }
    double[][] kept = RepresentationAblation.restrict(basis, ofProduct, all);
    for (int p = 0; p < n * n; p++) {
      assertThat(kept[p][0]).isCloseTo(ofProduct[p][0], within(1e-12));
    }
  }

  /**
   * Chughtai et al. project the hidden activations H and unembed them; projecting the logits
   * H·W_U instead gives the same restricted logits.
   */
  @Test
  void projectingTheHiddenLayerOrTheLogitsIsTheSame() {
    RepresentationBasis basis = RepresentationBasis.of(FiniteGroup.symmetric(4));
    int n = 24;
    int hidden = 7;
    Random random = new Random(6);
    double[][] h = RepresentationBasisTest.gaussian(random, n * n, hidden);
    double[][] wU = RepresentationBasisTest.gaussian(random, hidden, n);
    int[] key = {basis.indexOf("(3,1)"), basis.indexOf("(2,1,1)")};
    double[][] viaHidden = times(RepresentationAblation.restrict(basis, h, key), wU);
    double[][] viaLogits = RepresentationAblation.restrict(basis, times(h, wU), key);
    for (int p = 0; p < n * n; p++) {
      assertThat(viaLogits[p]).containsExactly(viaHidden[p], within(1e-10));
    }
  }

  /** Logits made of the key irreps' traces are all restricted and nothing excluded. */
  @Test
  void traceLogitsLoseNothingToRestrictionAndEverythingToExclusion() {
    RepresentationBasis basis = RepresentationBasis.of(FiniteGroup.alternating(5));
    int n = 60;
    int[] key = {basis.indexOf("(3,1,1)a"), basis.indexOf("(3,1,1)b")};
    double[][] logits = KeyRepresentationsTest.traceLogits(basis, key, new double[] {4, 4}, 0, 0);
    int[] all = IntStream.range(0, n * n).toArray();
    int[] train = IntStream.range(0, n * n).filter(p -> p % 2 == 0).toArray();
    RepresentationAblation ablation = RepresentationAblation.of(basis, logits, key, train);
    assertThat(ablation.restrictedLoss()).isCloseTo(
        RepresentationAblation.meanCrossEntropy(basis.group(), logits, all), within(1e-10));
    // The excluded logits are 0, i.e. uniform: loss log N.
    assertThat(ablation.excludedLoss()).isCloseTo(Math.log(n), within(1e-10));
    assertThat(ablation.restrictedLoss()).isLessThan(Math.log(n) / 2);
  }

  /**
   * {@link RepresentationAblation#of} keeps one restricted row per product instead of N² rows:
   * the same losses as the cross-entropy of {@link RepresentationAblation#restrict} over all pairs
   * and of {@link RepresentationAblation#exclude} over the training pairs, on random logits.
   */
  @ParameterizedTest
  @ValueSource(strings = {"S3", "D5", "A4", "S4"})
  void theLossesAreThoseOfTheRestrictedAndExcludedLogitsWrittenOut(String name) {
    FiniteGroup g = FiniteGroup.parse(name);
    RepresentationBasis basis = RepresentationBasis.of(g);
    int n = g.order();
    Random random = new Random(n);
    double[][] logits = new double[n * n][n];
    for (double[] row : logits) {
      for (int c = 0; c < n; c++) {
        row[c] = 3 * random.nextGaussian();
      }
    }
    int[] key = {1, basis.irreps().size() - 1};
    int[] all = IntStream.range(0, n * n).toArray();
    int[] train = IntStream.range(0, n * n).filter(p -> p % 3 != 1).toArray();

    RepresentationAblation ablation = RepresentationAblation.of(basis, logits, key, train);

    assertThat(ablation.restrictedLoss()).isCloseTo(RepresentationAblation.meanCrossEntropy(g,
        RepresentationAblation.restrict(basis, logits, key), all), within(1e-12));
    assertThat(ablation.excludedLoss()).isCloseTo(RepresentationAblation.meanCrossEntropy(g,
        RepresentationAblation.exclude(basis, logits, key), train), within(1e-12));
  }

  private static double[][] times(double[][] a, double[][] b) {
    double[][] out = new double[a.length][b[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < b.length; k++) {
        for (int j = 0; j < b[0].length; j++) {
          out[i][j] += a[i][k] * b[k][j];
        }
      }
    }
    return out;
  }
}
