package io.grokking.trainer.task.group;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Permutations of 0..n−1 in array form (entry i is the image of i), n ≤ 6. */
final class Permutations {
  private Permutations() {}

  /**
   * The permutations of a shipped element-order resource ({@code S2}..{@code S6}, {@code A5}), in
   * file order.
   */
  static int[][] sympyOrder(String group) {
    String resource = group + ".txt";
    try (InputStream in = Permutations.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing element-order resource " + resource);
      }
      List<int[]> out = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(Arrays.stream(line.trim().split(" ")).mapToInt(Integer::parseInt).toArray());
        }
      }
      return out.toArray(int[][]::new);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** x then y: the permutation i ↦ y(x(i)), sympy's {@code x * y}. */
  static int[] thenApply(int[] x, int[] y) {
    int[] out = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = y[x[i]];
    }
    return out;
  }

  /** +1 for an even permutation, −1 for an odd one. */
  static int sign(int[] p) {
    int sign = 1;
    for (int i = 0; i < p.length; i++) {
      for (int j = i + 1; j < p.length; j++) {
        if (p[i] > p[j]) {
          sign = -sign;
        }
      }
    }
    return sign;
  }

  /** Cycle notation without fixed points, {@code ()} for the identity. */
  static String cycles(int[] p) {
    StringBuilder out = new StringBuilder();
    boolean[] seen = new boolean[p.length];
    for (int start = 0; start < p.length; start++) {
      if (seen[start] || p[start] == start) {
        continue;
      }
      out.append('(');
      for (int i = start; !seen[i]; i = p[i]) {
        seen[i] = true;
        out.append(i == start ? "" : " ").append(i);
      }
      out.append(')');
    }
    return out.length() == 0 ? "()" : out.toString();
  }

  /** Finds a permutation's index in a list of distinct permutations of one degree. */
  static final class Index {
    private final int degree;
    private final int[] indexByCode;

    Index(int[][] elements) {
      this.degree = elements[0].length;
      this.indexByCode = new int[(int) Math.pow(degree, degree)];
      Arrays.fill(indexByCode, -1);
      for (int k = 0; k < elements.length; k++) {
        indexByCode[code(elements[k])] = k;
      }
    }

    int of(int[] p) {
      int k = indexByCode[code(p)];
      if (k < 0) {
        throw new IllegalArgumentException("not an element: " + Arrays.toString(p));
      }
      return k;
    }

    private int code(int[] p) {
      int c = 0;
      for (int i = p.length - 1; i >= 0; i--) {
        c = c * degree + p[i];
      }
      return c;
    }
  }
}
