package io.grokking.trainer.task.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IrrepsTest {
  private static final double TOL = 1e-9;
  /** Groups whose pairs are all checked; larger ones on a random sample of pairs. */
  private static final int EXHAUSTIVE = 60;

  /**
   * The irreps that are a complex irrep fused with its conjugate: C_n's 2-dimensional ones, and
   * the restrictions of the self-conjugate (2,1) to A3 and (2,2) to A4. Every other irrep here is
   * absolutely irreducible.
   */
  private static boolean complexType(FiniteGroup g, Irrep irrep) {
    return g.family() == GroupFamily.CYCLIC && irrep.dim() == 2
        || g.name().equals("A3") && irrep.name().equals("(2,1)")
        || g.name().equals("A4") && irrep.name().equals("(2,2)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"C2", "C6", "C7", "C12", "D3", "D4", "D6", "D7", "D10", "S2", "S3", "S4",
      "S5", "S6", "A3", "A4", "A5", "A6"})
  void everyIrrepIsAnOrthogonalHomomorphism(String name) {
    FiniteGroup g = FiniteGroup.parse(name);
    int n = g.order();
    Random random = new Random(11);
    int pairs = n <= EXHAUSTIVE ? n * n : 2000;
    for (Irrep irrep : Irreps.of(g)) {
      int d = irrep.dim();
      double worst = 0;
      for (int t = 0; t < pairs; t++) {
        int x = n <= EXHAUSTIVE ? t / n : random.nextInt(n);
        int y = n <= EXHAUSTIVE ? t % n : random.nextInt(n);
        double[][] product = times(irrep.matrix(x), irrep.matrix(y));
        double[][] expected = irrep.matrix(g.multiply(x, y));
        for (int i = 0; i < d; i++) {
          for (int j = 0; j < d; j++) {
            worst = Math.max(worst, Math.abs(product[i][j] - expected[i][j]));
          }
        }
      }
      assertThat(worst).as("%s %s: max |ρ(x)ρ(y) − ρ(xy)|", name, irrep).isLessThan(TOL);
      double worstOrthogonality = 0;
      for (int x = 0; x < n; x++) {
        double[][] m = irrep.matrix(x);
        double[][] mmt = times(m, transpose(m));
        for (int i = 0; i < d; i++) {
          for (int j = 0; j < d; j++) {
            worstOrthogonality =
                Math.max(worstOrthogonality, Math.abs(mmt[i][j] - (i == j ? 1 : 0)));
          }
        }
      }
      assertThat(worstOrthogonality).as("%s %s: max |ρ(x)ρ(x)ᵀ − I|", name, irrep)
          .isLessThan(TOL);
    }
  }

  /**
   * Schur's orthogonality relations: Σ_g ρ_ij(g) σ_kl(g) = (N/d) δ_ρσ δ_ik δ_jl for absolutely
   * irreducible ρ, σ, and 0 between different irreps in every case.
   */
  @ParameterizedTest
  @ValueSource(strings = {"C6", "C7", "D4", "D7", "S3", "S4", "S5", "A4", "A5"})
  void matrixElementsSatisfySchurOrthogonality(String name) {
    FiniteGroup g = FiniteGroup.parse(name);
    List<Irrep> irreps = Irreps.of(g);
    int n = g.order();
    for (int a = 0; a < irreps.size(); a++) {
      for (int b = a; b < irreps.size(); b++) {
        Irrep rho = irreps.get(a);
        Irrep sigma = irreps.get(b);
        if (a == b && complexType(g, rho)) {
          continue;
        }
        for (int i = 0; i < rho.dim(); i++) {
          for (int j = 0; j < rho.dim(); j++) {
            for (int k = 0; k < sigma.dim(); k++) {
              for (int l = 0; l < sigma.dim(); l++) {
                double sum = 0;
                for (int x = 0; x < n; x++) {
                  sum += rho.entry(x, i, j) * sigma.entry(x, k, l);
                }
                double expected = a == b && i == k && j == l ? (double) n / rho.dim() : 0;
                assertThat(sum).as("%s: %s_%d%d · %s_%d%d", name, rho, i, j, sigma, k, l)
                    .isCloseTo(expected, within(1e-8));
              }
            }
          }
        }
      }
    }
  }

  /**
   * Characters are orthonormal, ⟨χ_ρ, χ_σ⟩ = (1/N) Σ_g χ_ρ(g) χ_σ(g) = δ_ρσ (2 for a fused
   * complex pair); there are as many complex irreps as conjugacy classes, so Σ d² = N counting a
   * fused pair as two complex irreps of dimension d/2, which is the dimension of its span.
   */
  @ParameterizedTest
  @ValueSource(strings = {"C2", "C6", "C7", "C12", "D3", "D4", "D6", "D7", "D10", "S2", "S3",
      "S4", "S5", "S6", "A3", "A4", "A5", "A6"})
  void charactersAreOrthonormalAndDimensionsAddUpToTheOrder(String name) {
    FiniteGroup g = FiniteGroup.parse(name);
    List<Irrep> irreps = Irreps.of(g);
    int n = g.order();
    int complexIrreps = 0;
    int sumOfSquares = 0;
    for (int a = 0; a < irreps.size(); a++) {
      Irrep rho = irreps.get(a);
      boolean fused = complexType(g, rho);
      complexIrreps += fused ? 2 : 1;
      sumOfSquares += fused ? 2 * (rho.dim() / 2) * (rho.dim() / 2) : rho.dim() * rho.dim();
      for (int b = 0; b < irreps.size(); b++) {
        double inner = 0;
        for (int x = 0; x < n; x++) {
          inner += rho.character(x) * irreps.get(b).character(x);
        }
        double expected = a == b ? (fused ? 2 : 1) : 0;
        assertThat(inner / n).as("%s ⟨χ_%s, χ_%s⟩", name, rho, irreps.get(b))
            .isCloseTo(expected, within(1e-9));
      }
    }
    assertThat(sumOfSquares).isEqualTo(n);
    assertThat(complexIrreps).isEqualTo(conjugacyClasses(g));
    boolean permutations = g.family() == GroupFamily.SYMMETRIC
        || g.family() == GroupFamily.ALTERNATING;
    assertThat(irreps.get(0).name()).isEqualTo(permutations ? "(" + g.degree() + ")" : "trivial");
    for (int x = 0; x < n; x++) {
      assertThat(irreps.get(0).character(x)).isEqualTo(1.0);
    }
  }

  @Test
  void symmetricIrrepsAreTheYoungFormsWithHookLengthDimensions() {
    FiniteGroup s5 = FiniteGroup.symmetric(5);
    List<Irrep> irreps = Irreps.of(s5);
    assertThat(irreps).extracting(Irrep::name).containsExactly("(5)", "(4,1)", "(3,2)",
        "(3,1,1)", "(2,2,1)", "(2,1,1,1)", "(1,1,1,1,1)");
    // Dimensions by the hook length formula, n!/Π hooks.
    assertThat(irreps).extracting(Irrep::dim).containsExactly(1, 4, 5, 6, 5, 4, 1);
    for (int x = 0; x < s5.order(); x++) {
      int[] p = s5.permutation(x);
      int fixed = 0;
      for (int i = 0; i < p.length; i++) {
        fixed += p[i] == i ? 1 : 0;
      }
      // (1^n) is the sign; (n−1,1) is the standard representation, character #fixed points − 1.
      assertThat(irreps.get(6).character(x)).isEqualTo(Permutations.sign(p));
      assertThat(irreps.get(1).character(x)).isCloseTo(fixed - 1, within(TOL));
    }
  }

  @Test
  void alternatingIrrepsSplitTheSelfConjugatePartition() {
    assertThat(Irreps.of(FiniteGroup.alternating(5))).extracting(Irrep::name, Irrep::dim)
        .containsExactly(tuple("(5)", 1),
            tuple("(4,1)", 4),
            tuple("(3,2)", 5),
            tuple("(3,1,1)a", 3),
            tuple("(3,1,1)b", 3));
    assertThat(Irreps.of(FiniteGroup.alternating(6))).extracting(Irrep::dim)
        .containsExactly(1, 5, 9, 10, 5, 8, 8);
    assertThat(Irreps.of(FiniteGroup.alternating(4))).extracting(Irrep::dim)
        .containsExactly(1, 3, 2);
  }

  @Test
  void cyclicAndDihedralIrrepsAreChughtaiEtAlsMatrices() {
    int n = 7;
    List<Irrep> c = Irreps.of(FiniteGroup.cyclic(n));
    assertThat(c).extracting(Irrep::name).containsExactly("trivial", "freq_1", "freq_2",
        "freq_3");
    assertThat(Irreps.of(FiniteGroup.cyclic(8))).extracting(Irrep::name)
        .containsExactly("trivial", "sign", "freq_1", "freq_2", "freq_3");
    double angle = 2 * Math.PI * 2 * 3 / n;
    assertThat(c.get(2).matrix(3)[0]).containsExactly(new double[] {Math.cos(angle),
        -Math.sin(angle)}, within(TOL));
    assertThat(c.get(2).matrix(3)[1]).containsExactly(new double[] {Math.sin(angle),
        Math.cos(angle)}, within(TOL));

    List<Irrep> d = Irreps.of(FiniteGroup.dihedral(n));
    assertThat(d).extracting(Irrep::name).containsExactly("trivial", "sign", "freq_1", "freq_2",
        "freq_3");
    // r^3 s is index 3 + n: [[cos, sin], [sin, −cos]] at angle 2πk·3/n, their reflection matrix.
    assertThat(d.get(3).matrix(3 + n)[0]).containsExactly(new double[] {Math.cos(angle),
        Math.sin(angle)}, within(TOL));
    assertThat(d.get(3).matrix(3 + n)[1]).containsExactly(new double[] {Math.sin(angle),
        -Math.cos(angle)}, within(TOL));
    assertThat(d.get(1).character(n)).isEqualTo(-1.0);
    assertThat(Irreps.of(FiniteGroup.dihedral(6))).extracting(Irrep::name)
        .containsExactly("trivial", "sign", "sign_r", "sign_rs", "freq_1", "freq_2");
  }

  private static int conjugacyClasses(FiniteGroup g) {
    int n = g.order();
    Set<Integer> seen = new HashSet<>();
    int classes = 0;
    for (int x = 0; x < n; x++) {
      if (seen.add(x)) {
        classes++;
        for (int y = 0; y < n; y++) {
          seen.add(g.multiply(g.multiply(y, x), g.inverse(y)));
        }
      }
    }
    return classes;
  }

  private static double[][] times(double[][] a, double[][] b) {
    int d = a.length;
    double[][] out = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int k = 0; k < d; k++) {
        for (int j = 0; j < d; j++) {
          out[i][j] += a[i][k] * b[k][j];
        }
      }
    }
    return out;
  }

  private static double[][] transpose(double[][] a) {
    int d = a.length;
    double[][] out = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        out[j][i] = a[i][j];
      }
    }
    return out;
  }
}
