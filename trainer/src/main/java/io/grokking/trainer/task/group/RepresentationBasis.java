package io.grokking.trainer.task.group;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The decomposition of functions on a group by irreducible representation, and the variance
 * shares of Chughtai, Chan &amp; Nanda 2023 ("A toy model of universality", Sec. 4–5, the "percent
 * of the embedding / unembedding explained" by each representation).
 *
 * <p>For each irrep ρ the functions g ↦ ρ(g)_{ij} span a subspace V_ρ of ℝ^N (dimension d² for
 * most irreps, d²/2 for the fused complex ones, see {@link Irrep}). This class holds an
 * orthonormal basis of each V_ρ, found by Gram–Schmidt over the matrix elements in row-major order,
 * as their {@code compute_orth_rep} does with a QR decomposition ({@code
 * rep_theory/utils/representations.py}). By Schur's orthogonality relations the V_ρ are mutually
 * orthogonal and by Peter–Weyl they fill ℝ^N, so the projections of any vector onto them add up to
 * the vector.
 *
 * <p>The share of a matrix W (N × d, one row per element, e.g. an embedding) on ρ is ‖P_ρ W‖²/‖W‖²
 * with P_ρ the projection onto V_ρ applied to every column, their {@code percent_total_embed} and
 * {@code percent_unembed} ({@code rep_theory/utils/metrics.py}). As there, W is not centred and the
 * trivial irrep is a representation like the others: its share is the part of ‖W‖² in the column
 * means. So the shares over all irreps sum to 1 for every W; for mean-centred columns the trivial
 * share is 0 and the non-trivial shares sum to 1.
 */
public final class RepresentationBasis {
  /** A matrix element whose residual after Gram–Schmidt is below this share of its norm is dependent. */
  private static final double DEPENDENT = 1e-9;

  private final FiniteGroup group;
  private final List<Irrep> irreps;
  /** basis[r][m] is the m-th orthonormal vector (length N) of irrep r's span. */
  private final double[][][] basis;

  private RepresentationBasis(FiniteGroup group, List<Irrep> irreps) {
    this.group = group;
    this.irreps = List.copyOf(irreps);
    this.basis = new double[irreps.size()][][];
    for (int r = 0; r < irreps.size(); r++) {
      basis[r] = orthonormalise(irreps.get(r), group.order());
    }
  }

  /** The irreps of {@link Irreps#of} and their spans. */
  public static RepresentationBasis of(FiniteGroup group) {
    return new RepresentationBasis(group, Irreps.of(group));
  }

  public FiniteGroup group() {
    return group;
  }

  /** The irreps, trivial first, in the order every per-irrep array here uses. */
  public List<Irrep> irreps() {
    return irreps;
  }

  /** The index of the irrep of that name. */
  public int indexOf(String irrepName) {
    for (int r = 0; r < irreps.size(); r++) {
      if (irreps.get(r).name().equals(irrepName)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no irrep " + irrepName + " in " + group.name());
  }

  /** dim V_ρ, the number of independent matrix-element functions of irrep r. */
  public int spanDimension(int r) {
    return basis[r].length;
  }

  /** The orthonormal basis of V_ρ for irrep r, one length-N vector per row (a copy). */
  public double[][] basis(int r) {
    double[][] out = new double[basis[r].length][];
    for (int m = 0; m < out.length; m++) {
      out[m] = basis[r][m].clone();
    }
    return out;
  }

  /**
   * The share of W's squared norm that each irrep's span holds, indexed like {@link #irreps()};
   * NaN everywhere for W = 0.
   *
   * @param w N rows, one per group element in index order (e.g. an embedding, or the unembedding
   *     transposed; see {@link #sharesOfColumns})
   */
  public double[] shares(double[][] w) {
    int n = group.order();
    if (w.length != n) {
      throw new IllegalArgumentException(
          "W must have one row per element of " + group.name() + " (" + n + "), found " + w.length);
    }
    int width = w[0].length;
    double total = 0;
    for (double[] row : w) {
      if (row.length != width) {
        throw new IllegalArgumentException("W rows must all have " + width + " entries");
      }
      for (double v : row) {
        total += v * v;
      }
    }
    double[] out = new double[irreps.size()];
    double[] coefficient = new double[width];
    for (int r = 0; r < irreps.size(); r++) {
      double energy = 0;
      for (double[] u : basis[r]) {
        Arrays.fill(coefficient, 0);
        for (int g = 0; g < n; g++) {
          double ug = u[g];
          double[] row = w[g];
          for (int c = 0; c < width; c++) {
            coefficient[c] += ug * row[c];
          }
        }
        for (double c : coefficient) {
          energy += c * c;
        }
      }
      out[r] = energy / total;
    }
    return out;
  }

  /**
   * {@link #shares} of a matrix with one column per element, such as an unembedding W_U (d × N):
   * the shares of its transpose.
   */
  public double[] sharesOfColumns(double[][] u) {
    int n = group.order();
    double[][] t = new double[n][u.length];
    for (int i = 0; i < u.length; i++) {
      if (u[i].length != n) {
        throw new IllegalArgumentException("each row must have one entry per element of "
            + group.name() + " (" + n + "), found " + u[i].length);
      }
      for (int g = 0; g < n; g++) {
        t[g][i] = u[i][g];
      }
    }
    return shares(t);
  }

  /** P_ρ f for a function f on the group, summed over the given irreps. */
  double[] project(double[] f, int[] irrepIndices) {
    double[] out = new double[f.length];
    for (int r : irrepIndices) {
      for (double[] u : basis[r]) {
        double c = 0;
        for (int g = 0; g < f.length; g++) {
          c += u[g] * f[g];
        }
        for (int g = 0; g < f.length; g++) {
          out[g] += c * u[g];
        }
      }
    }
    return out;
  }

  private static double[][] orthonormalise(Irrep irrep, int order) {
    int d = irrep.dim();
    List<double[]> accepted = new ArrayList<>();
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double[] v = new double[order];
        double norm0 = 0;
        for (int g = 0; g < order; g++) {
          v[g] = irrep.entry(g, i, j);
          norm0 += v[g] * v[g];
        }
        for (double[] u : accepted) {
          double c = 0;
          for (int g = 0; g < order; g++) {
            c += u[g] * v[g];
          }
          for (int g = 0; g < order; g++) {
            v[g] -= c * u[g];
          }
        }
        double norm = 0;
        for (double x : v) {
          norm += x * x;
        }
        if (norm > DEPENDENT * norm0) {
          double scale = 1 / Math.sqrt(norm);
          for (int g = 0; g < order; g++) {
            v[g] *= scale;
          }
          accepted.add(v);
        }
      }
    }
    return accepted.toArray(double[][]::new);
  }
}
