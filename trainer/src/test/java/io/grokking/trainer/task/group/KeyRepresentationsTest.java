package io.grokking.trainer.task.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyRepresentationsTest {

  /**
   * Logits of the algorithm Chughtai et al. find: logit z of (x, y) is Σ_ρ a_ρ tr ρ(x)ρ(y)ρ(z⁻¹)
   * over the chosen irreps, plus a little noise. Traces are taken of explicit matrix products.
   */
  static double[][] traceLogits(RepresentationBasis basis, int[] irreps, double[] weights,
      double noise, long seed) {
    FiniteGroup g = basis.group();
    int n = g.order();
    Random random = new Random(seed);
    double[][][][] matrices = new double[irreps.length][n][][];
    for (int t = 0; t < irreps.length; t++) {
      for (int x = 0; x < n; x++) {
        matrices[t][x] = basis.irreps().get(irreps[t]).matrix(x);
      }
    }
    double[][] logits = new double[n * n][n];
    for (int x = 0; x < n; x++) {
      for (int y = 0; y < n; y++) {
        for (int z = 0; z < n; z++) {
          double v = noise * random.nextGaussian();
          for (int t = 0; t < irreps.length; t++) {
            double[][][] rho = matrices[t];
            v += weights[t] * traceOfProduct(rho[x], rho[y], rho[g.inverse(z)]);
          }
          logits[x * n + y][z] = v;
        }
      }
    }
    return logits;
  }

  private static double traceOfProduct(double[][] a, double[][] b, double[][] c) {
    int d = a.length;
    double trace = 0;
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < d; k++) {
          trace += a[i][j] * b[j][k] * c[k][i];
        }
      }
    }
    return trace;
  }

  /** Their logit_trace_similarity written out over all N³ entries, for random logits. */
  @ParameterizedTest
  @ValueSource(strings = {"D4", "S3", "C6", "A4"})
  void similarityIsTheCosineOfCentredLogitsAndTheTraceTensor(String name) {
    RepresentationBasis basis = RepresentationBasis.of(FiniteGroup.parse(name));
    FiniteGroup g = basis.group();
    int n = g.order();
    double[][] logits = RepresentationBasisTest.gaussian(new Random(2), n * n, n);
    double[] similarity = KeyRepresentations.logitSimilarity(basis, logits);
    for (int r = 1; r < basis.irreps().size(); r++) {
      Irrep rho = basis.irreps().get(r);
      double dot = 0;
      double logitNorm = 0;
      double traceNorm = 0;
      for (int x = 0; x < n; x++) {
        for (int y = 0; y < n; y++) {
          double[] row = logits[x * n + y];
          double mean = IntStream.range(0, n).mapToDouble(z -> row[z]).average().orElseThrow();
          for (int z = 0; z < n; z++) {
            double t = traceOfProduct(rho.matrix(x), rho.matrix(y), rho.matrix(g.inverse(z)));
            dot += (row[z] - mean) * t;
            logitNorm += (row[z] - mean) * (row[z] - mean);
            traceNorm += t * t;
          }
        }
      }
      assertThat(similarity[r]).as("%s %s", name, rho)
          .isCloseTo(dot / Math.sqrt(logitNorm * traceNorm), within(1e-12));
    }
    assertThat(similarity[0]).isCloseTo(0.0, within(1e-12));
  }

  @ParameterizedTest
  @ValueSource(strings = {"S4", "D7", "C11", "A5"})
  void theIrrepsTheLogitsAreBuiltFromAreKey(String name) {
    RepresentationBasis basis = RepresentationBasis.of(FiniteGroup.parse(name));
    int last = basis.irreps().size() - 1;
    int[] key = {1, last};
    double[][] logits = traceLogits(basis, key, new double[] {1.0, 0.6}, 0.05, 4);
    assertThat(KeyRepresentations.of(basis, logits, KeyRepresentations.DEFAULT_THRESHOLD))
        .containsExactly(key);
    double[] similarity = KeyRepresentations.logitSimilarity(basis, logits);
    for (int r = 2; r < last; r++) {
      assertThat(Math.abs(similarity[r])).as("%s non-key %s", name, basis.irreps().get(r))
          .isLessThan(KeyRepresentations.DEFAULT_THRESHOLD);
    }
    // A single irrep's trace logits are that irrep's trace tensor: similarity 1.
    double[][] pure = traceLogits(basis, new int[] {last}, new double[] {2.0}, 0.0, 0);
    assertThat(KeyRepresentations.logitSimilarity(basis, pure)[last]).isCloseTo(1.0,
        within(1e-12));
  }
}
