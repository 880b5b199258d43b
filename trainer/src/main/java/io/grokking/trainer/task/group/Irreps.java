package io.grokking.trainer.task.group;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * A complete set of real irreducible representations of a {@link FiniteGroup}, trivial first.
 *
 * <ul>
 *   <li><b>C_n</b> (Chughtai et al., {@code rep_theory/utils/groups.py} {@code CyclicGroup} and
 *       {@code utils/representations.py} {@code Cyclic2dRepresentation}): {@code trivial};
 *       {@code sign} x ↦ (−1)^x for even n; {@code freq_k}, x ↦ the rotation by 2πkx/n,
 *       [[cos, −sin], [sin, cos]], for k = 1..⌈n/2⌉−1. These are the real forms of the characters
 *       e^{2πikx/n}: the span of freq_k's matrix elements is the span of cos(2πkx/n) and
 *       sin(2πkx/n), which is exactly frequency k of {@code fourier.FourierBasis}; trivial is its
 *       constant k = 0 and sign its Nyquist cosine k = n/2.
 *   <li><b>D_n</b> ({@code DihedralGroup}, {@code Dihedral2dRepresentation}): {@code trivial};
 *       {@code sign} r ↦ 1, s ↦ −1; for even n also {@code sign_r} r ↦ −1, s ↦ 1 and
 *       {@code sign_rs} r ↦ −1, s ↦ −1 (their code stops at odd n); {@code freq_k},
 *       r^a s^b ↦ R(2πka/n)·diag(1, −1)^b for k = 1..⌈n/2⌉−1, their matrices.
 *   <li><b>S_n</b>: Young's orthogonal form (James &amp; Kerber 1981, Sec. 3.4; Sagan 2001,
 *       Sec. 2.7) for every partition λ of n, in decreasing lexicographic order, named by λ:
 *       {@code (n)} is their {@code trivial}, {@code (1,…,1)} {@code sign}, {@code (n-1,1)}
 *       {@code standard}, {@code (2,1,…,1)} {@code standard_sign}; in S5 their {@code s5_5d_a}
 *       is (2,2,1), {@code s5_5d_b} (3,2) and {@code s5_6d} (3,1,1), up to a change of basis.
 *   <li><b>A_n</b>: the restrictions of the S_n irreps, one of each conjugate pair λ, λ' (they
 *       restrict to the same irrep), named by the larger; a self-conjugate λ restricts to a sum of
 *       two irreps, found as the eigenspaces of a matrix that commutes with ρ(A_n), and named
 *       λ{@code a}, λ{@code b} (A5's {@code (3,1,1)a}/{@code b} are their {@code a5_3d_a}/{@code
 *       b}). Where the two halves are complex conjugates (A3, A4) the restriction stays one real
 *       irrep.
 * </ul>
 */
public final class Irreps {
  private Irreps() {}

  /** The irreps of a group, trivial first. */
  public static List<Irrep> of(FiniteGroup group) {
    switch (group.family()) {
      case CYCLIC:
        return cyclic(group);
      case DIHEDRAL:
        return dihedral(group);
      case SYMMETRIC:
        return YoungOrthogonalForm.irreps(group);
      default:
        return AlternatingIrreps.irreps(group);
    }
  }

  private static List<Irrep> cyclic(FiniteGroup group) {
    int n = group.order();
    List<Irrep> out = new ArrayList<>();
    out.add(constant("trivial", n));
    if (n % 2 == 0) {
      out.add(oneDimensional("sign", n, x -> x % 2 == 0 ? 1 : -1));
    }
    for (int k = 1; 2 * k < n; k++) {
      double[][] m = new double[n][];
      for (int x = 0; x < n; x++) {
        m[x] = rotation(k, x, n, false);
      }
      out.add(new Irrep("freq_" + k, 2, m));
    }
    return out;
  }

  private static List<Irrep> dihedral(FiniteGroup group) {
    int n = group.degree();
    int order = group.order();
    List<Irrep> out = new ArrayList<>();
    out.add(constant("trivial", order));
    out.add(oneDimensional("sign", order, x -> x < n ? 1 : -1));
    if (n % 2 == 0) {
      out.add(oneDimensional("sign_r", order, x -> (x % n) % 2 == 0 ? 1 : -1));
      out.add(oneDimensional("sign_rs", order,
          x -> ((x % n) % 2 == 0 ? 1 : -1) * (x < n ? 1 : -1)));
    }
    for (int k = 1; 2 * k < n; k++) {
      double[][] m = new double[order][];
      for (int x = 0; x < order; x++) {
        m[x] = rotation(k, x % n, n, x >= n);
      }
      out.add(new Irrep("freq_" + k, 2, m));
    }
    return out;
  }

  /** R(2πka/n), times diag(1, −1) on the right when reflected, row-major. */
  private static double[] rotation(int k, int a, int n, boolean reflected) {
    // Reducing k·a mod n first keeps the table exactly periodic, as FourierBasis does.
    double angle = 2 * Math.PI * ((long) k * a % n) / n;
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    return reflected ? new double[] {c, s, s, -c} : new double[] {c, -s, s, c};
  }

  static Irrep constant(String name, int order) {
    return oneDimensional(name, order, x -> 1);
  }

  static Irrep oneDimensional(String name, int order, IntUnaryOperator value) {
    double[][] m = new double[order][];
    for (int x = 0; x < order; x++) {
      m[x] = new double[] {value.applyAsInt(x)};
    }
    return new Irrep(name, 1, m);
  }

  /**
   * Extends matrices given on generators to every element, breadth first: ρ(g·s) = ρ(g)ρ(s).
   * The result is a homomorphism when the generator matrices satisfy the group's relations.
   */
  static double[][] generate(FiniteGroup group, int[] generators, double[][] generatorMatrices,
      int dim) {
    int order = group.order();
    double[][] out = new double[order][];
    double[] eye = new double[dim * dim];
    for (int i = 0; i < dim; i++) {
      eye[i * dim + i] = 1;
    }
    out[group.identity()] = eye;
    Deque<Integer> queue = new ArrayDeque<>();
    queue.add(group.identity());
    while (!queue.isEmpty()) {
      int g = queue.poll();
      for (int t = 0; t < generators.length; t++) {
        int h = group.multiply(g, generators[t]);
        if (out[h] == null) {
          out[h] = multiply(out[g], generatorMatrices[t], dim);
          queue.add(h);
        }
      }
    }
    for (int g = 0; g < order; g++) {
      if (out[g] == null) {
        throw new IllegalStateException("generators do not generate " + group.name()
            + ", element " + g + " unreached");
      }
    }
    return out;
  }

  /** a·b for row-major d × d matrices. */
  static double[] multiply(double[] a, double[] b, int d) {
    double[] out = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int k = 0; k < d; k++) {
        double aik = a[i * d + k];
        if (aik != 0) {
          for (int j = 0; j < d; j++) {
            out[i * d + j] += aik * b[k * d + j];
          }
        }
      }
    }
    return out;
  }

  static String partitionName(int[] partition) {
    return Arrays.toString(partition).replace('[', '(').replace(']', ')').replace(" ", "");
  }
}
