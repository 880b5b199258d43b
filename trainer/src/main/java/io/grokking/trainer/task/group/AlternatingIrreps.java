package io.grokking.trainer.task.group;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The irreps of A_n as restrictions of S_n's Young orthogonal forms (Fulton &amp; Harris 1991,
 * "Representation theory", Sec. 5.1): for λ ≠ λ' the restrictions of λ and λ' are equal and
 * irreducible; for λ = λ' the restriction is a sum of two halves of dimension d/2, or, where those
 * halves are complex conjugates of each other (A3 and A4), one real irrep.
 *
 * <p>The halves are found without their characters: M = Σ_{g ∈ A_n} ρ(g) X ρ(g)ᵀ for a fixed
 * symmetric X commutes with every ρ(g), so by Schur's lemma it is a scalar on each real irreducible
 * summand and its eigenspaces are the summands (a single eigenvalue means the restriction is
 * irreducible over ℝ). Chughtai et al. build only A5, from explicit generator matrices
 * ({@code rep_theory/utils/groups.py}, {@code AlternatingGroup}).
 */
final class AlternatingIrreps {
  /** Seed of the symmetric test matrix X; any generic X separates the halves. */
  private static final long PROBE_SEED = 20L;
  /** Eigenvalues closer than this, relative to the largest, belong to one summand. */
  private static final double SAME_EIGENVALUE = 1e-8;

  private AlternatingIrreps() {}

  static List<Irrep> irreps(FiniteGroup group) {
    FiniteGroup parent = FiniteGroup.symmetric(group.degree());
    int order = group.order();
    int[] inParent = new int[order];
    for (int a = 0; a < order; a++) {
      inParent[a] = parent.indexOf(group.permutation(a));
    }
    List<Irrep> out = new ArrayList<>();
    for (int[] lambda : YoungOrthogonalForm.partitions(group.degree())) {
      int[] conjugate = YoungOrthogonalForm.conjugate(lambda);
      if (Arrays.compare(conjugate, lambda) > 0) {
        continue; // restricts to the same irrep as its conjugate, listed already
      }
      Irrep full = YoungOrthogonalForm.irrep(parent, lambda);
      int d = full.dim();
      double[][] restricted = new double[order][];
      for (int a = 0; a < order; a++) {
        restricted[a] = flatten(full.matrix(inParent[a]));
      }
      String name = Irreps.partitionName(lambda);
      if (!Arrays.equals(conjugate, lambda)) {
        out.add(new Irrep(name, d, restricted));
      } else {
        out.addAll(split(name, d, restricted));
      }
    }
    return out;
  }

  private static List<Irrep> split(String name, int d, double[][] restricted) {
    Random random = new Random(PROBE_SEED);
    double[][] x = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        x[i][j] = random.nextGaussian();
        x[j][i] = x[i][j];
      }
    }
    double[][] m = new double[d][d];
    for (double[] rho : restricted) {
      double[] rx = Irreps.multiply(rho, flatten(x), d);
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          double sum = 0;
          for (int k = 0; k < d; k++) {
            sum += rx[i * d + k] * rho[j * d + k];
          }
          m[i][j] += sum;
        }
      }
    }
    SymmetricEigen eigen = SymmetricEigen.of(m);
    double[] values = eigen.values();
    double scale = Math.max(Math.abs(values[0]), Math.abs(values[d - 1]));
    if (values[d - 1] - values[0] <= SAME_EIGENVALUE * scale) {
      return List.of(new Irrep(name, d, restricted)); // irreducible over ℝ
    }
    int half = d / 2;
    boolean twoBlocks = d % 2 == 0
        && values[half - 1] - values[0] <= SAME_EIGENVALUE * scale
        && values[d - 1] - values[half] <= SAME_EIGENVALUE * scale;
    if (!twoBlocks) {
      throw new IllegalStateException("restriction of " + name + " to A_n does not split into "
          + "two halves; eigenvalues " + Arrays.toString(values));
    }
    return List.of(block(name + "a", restricted, eigen.vectors(), 0, half),
        block(name + "b", restricted, eigen.vectors(), half, half));
  }

  /** ρ restricted to the span of eigenvector columns from..from+size−1: Vᵀ ρ(g) V. */
  private static Irrep block(String name, double[][] restricted, double[][] vectors, int from,
      int size) {
    int d = vectors.length;
    double[][] out = new double[restricted.length][];
    for (int g = 0; g < restricted.length; g++) {
      double[] rho = restricted[g];
      double[] m = new double[size * size];
      for (int i = 0; i < size; i++) {
        for (int j = 0; j < size; j++) {
          double sum = 0;
          for (int k = 0; k < d; k++) {
            double vk = vectors[k][from + i];
            if (vk != 0) {
              for (int l = 0; l < d; l++) {
                sum += vk * rho[k * d + l] * vectors[l][from + j];
              }
            }
          }
          m[i * size + j] = sum;
        }
      }
      out[g] = m;
    }
    return new Irrep(name, size, out);
  }

  private static double[] flatten(double[][] m) {
    int d = m.length;
    double[] out = new double[d * d];
    for (int i = 0; i < d; i++) {
      System.arraycopy(m[i], 0, out, i * d, d);
    }
    return out;
  }
}
