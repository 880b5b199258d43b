package io.grokking.trainer.task.group;

/**
 * One real irreducible representation ρ of a finite group: an orthogonal d × d matrix per element,
 * with ρ(x·y) = ρ(x)ρ(y) for the group's product.
 *
 * <p>"Irreducible" is over the reals. Most irreps here are also irreducible over ℂ (their matrix
 * elements span d² functions on the group); a few are a complex irrep and its conjugate fused into
 * one real block (the 2-dimensional irreps of C_n, of A3 and A4's 2-dimensional one), whose matrix
 * elements span only d²/2 functions. {@link RepresentationBasis} finds that span either way.
 */
public final class Irrep {
  private final String name;
  private final int dim;
  /** matrices[g] is ρ(g), row-major. */
  private final double[][] matrices;

  Irrep(String name, int dim, double[][] matrices) {
    this.name = name;
    this.dim = dim;
    this.matrices = matrices;
  }

  /**
   * The irrep's name: {@code trivial}, {@code sign} and {@code freq_k} as Chughtai et al. name
   * them for C_n and D_n, a partition such as {@code (3,1,1)} for S_n and A_n (see {@link Irreps}).
   */
  public String name() {
    return name;
  }

  /** d, the size of the matrices. */
  public int dim() {
    return dim;
  }

  /** ρ(g)_{ij}. */
  public double entry(int g, int i, int j) {
    return matrices[g][i * dim + j];
  }

  /** ρ(g) as a d × d array (a copy). */
  public double[][] matrix(int g) {
    double[][] out = new double[dim][dim];
    for (int i = 0; i < dim; i++) {
      System.arraycopy(matrices[g], i * dim, out[i], 0, dim);
    }
    return out;
  }

  /** The character χ(g) = tr ρ(g). */
  public double character(int g) {
    double trace = 0;
    for (int i = 0; i < dim; i++) {
      trace += matrices[g][i * dim + i];
    }
    return trace;
  }

  /** The number of group elements. */
  public int groupOrder() {
    return matrices.length;
  }

  @Override
  public String toString() {
    return name + " (dim " + dim + ")";
  }
}
