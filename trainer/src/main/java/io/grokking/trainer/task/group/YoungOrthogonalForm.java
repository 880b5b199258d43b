package io.grokking.trainer.task.group;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The irreps of S_n in Young's orthogonal form (James &amp; Kerber 1981, "The representation theory
 * of the symmetric group", Sec. 3.4; Sagan 2001, "The symmetric group", Sec. 2.7 and Exercise
 * 2.11): for a partition λ the basis is the standard Young tableaux T of shape λ, and the adjacent
 * transposition s_k swapping entries k and k+1 acts as
 *
 * <pre>
 *   ρ(s_k) e_T = (1/r) e_T + √(1 − 1/r²) e_{s_k T},   r = c_T(k+1) − c_T(k),
 * </pre>
 *
 * where c_T(m) = column − row of entry m (its content) and the second term is absent when k and
 * k+1 share a row (r = 1) or a column (r = −1). Each ρ(s_k) is a symmetric orthogonal involution
 * and the family satisfies the Coxeter relations of S_n; the transposition of points k and k+1
 * (0-based) stands for s_k, and {@link Irreps#generate} extends it to every element.
 */
final class YoungOrthogonalForm {
  private YoungOrthogonalForm() {}

  static List<Irrep> irreps(FiniteGroup group) {
    List<Irrep> out = new ArrayList<>();
    for (int[] lambda : partitions(group.degree())) {
      out.add(irrep(group, lambda));
    }
    return out;
  }

  /** The partitions of n, largest parts first, in decreasing lexicographic order. */
  static List<int[]> partitions(int n) {
    List<int[]> out = new ArrayList<>();
    addPartitions(n, n, new int[0], out);
    return out;
  }

  private static void addPartitions(int rest, int maxPart, int[] prefix, List<int[]> out) {
    if (rest == 0) {
      out.add(prefix);
      return;
    }
    for (int part = Math.min(rest, maxPart); part >= 1; part--) {
      int[] next = Arrays.copyOf(prefix, prefix.length + 1);
      next[prefix.length] = part;
      addPartitions(rest - part, part, next, out);
    }
  }

  /** The conjugate partition (rows and columns of the diagram swapped). */
  static int[] conjugate(int[] lambda) {
    int[] out = new int[lambda[0]];
    for (int part : lambda) {
      for (int c = 0; c < part; c++) {
        out[c]++;
      }
    }
    return out;
  }

  static Irrep irrep(FiniteGroup group, int[] lambda) {
    int n = group.degree();
    List<int[]> rows = new ArrayList<>();
    fillTableaux(lambda, new int[n], new int[lambda.length], 0, rows);
    int dim = rows.size();
    Map<String, Integer> index = new HashMap<>();
    for (int t = 0; t < dim; t++) {
      index.put(Arrays.toString(rows.get(t)), t);
    }
    int[][] columns = new int[dim][];
    for (int t = 0; t < dim; t++) {
      columns[t] = columnsOf(rows.get(t));
    }
    int[] generators = new int[n - 1];
    double[][] matrices = new double[n - 1][];
    for (int k = 0; k + 1 < n; k++) {
      int[] swap = new int[n];
      for (int i = 0; i < n; i++) {
        swap[i] = i;
      }
      swap[k] = k + 1;
      swap[k + 1] = k;
      generators[k] = group.indexOf(swap);
      double[] m = new double[dim * dim];
      for (int t = 0; t < dim; t++) {
        int[] row = rows.get(t);
        int r = (columns[t][k + 1] - row[k + 1]) - (columns[t][k] - row[k]);
        m[t * dim + t] = 1.0 / r;
        if (r != 1 && r != -1) {
          int[] swapped = row.clone();
          swapped[k] = row[k + 1];
          swapped[k + 1] = row[k];
          int u = index.get(Arrays.toString(swapped));
          m[u * dim + t] = Math.sqrt(1 - 1.0 / ((double) r * r));
        }
      }
      matrices[k] = m;
    }
    return new Irrep(Irreps.partitionName(lambda), dim,
        Irreps.generate(group, generators, matrices, dim));
  }

  /**
   * Every standard tableau of shape λ, each as the row of entries 0..n−1; entries go in one at a
   * time, each at the end of a row that stays no longer than the row above it.
   */
  private static void fillTableaux(int[] lambda, int[] rowOf, int[] rowLength, int entry,
      List<int[]> out) {
    if (entry == rowOf.length) {
      out.add(rowOf.clone());
      return;
    }
    for (int i = 0; i < lambda.length; i++) {
      if (rowLength[i] < lambda[i] && (i == 0 || rowLength[i - 1] > rowLength[i])) {
        rowOf[entry] = i;
        rowLength[i]++;
        fillTableaux(lambda, rowOf, rowLength, entry + 1, out);
        rowLength[i]--;
      }
    }
  }

  /** The column of each entry, given the row of each entry (entries fill rows left to right). */
  private static int[] columnsOf(int[] rowOf) {
    int[] used = new int[rowOf.length];
    int[] out = new int[rowOf.length];
    for (int m = 0; m < rowOf.length; m++) {
      out[m] = used[rowOf[m]]++;
    }
    return out;
  }
}
