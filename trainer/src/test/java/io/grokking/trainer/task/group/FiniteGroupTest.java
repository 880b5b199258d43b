package io.grokking.trainer.task.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokking.trainer.config.ConfigException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FiniteGroupTest {
  /** Groups small enough to check associativity on every triple. */
  private static final int EXHAUSTIVE = 130;

  @ParameterizedTest
  @CsvSource({"C2, 2", "C5, 5", "C12, 12", "C113, 113", "D3, 6", "D4, 8", "D7, 14", "D10, 20",
      "D59, 118", "S2, 2", "S3, 6", "S4, 24", "S5, 120", "S6, 720", "A3, 3", "A4, 12", "A5, 60",
      "A6, 360"})
  void isAGroupOfTheRightOrder(String name, int order) {
    FiniteGroup g = FiniteGroup.parse(name);
    assertThat(g.name()).isEqualTo(name);
    assertThat(g.order()).isEqualTo(order);
    assertThat(g.elementNames()).hasSize(order).doesNotHaveDuplicates();
    int e = g.identity();
    for (int x = 0; x < order; x++) {
      assertThat(g.multiply(e, x)).isEqualTo(x);
      assertThat(g.multiply(x, e)).isEqualTo(x);
      assertThat(g.multiply(x, g.inverse(x))).isEqualTo(e);
      assertThat(g.multiply(g.inverse(x), x)).isEqualTo(e);
      // Each row of the table is a permutation of the elements (Latin square).
      Set<Integer> row = new HashSet<>();
      for (int y = 0; y < order; y++) {
        row.add(g.multiply(x, y));
      }
      assertThat(row).hasSize(order);
    }
    // Plain counting: an assertion per triple costs more than the check itself.
    long nonAssociative = 0;
    if (order <= EXHAUSTIVE) {
      for (int x = 0; x < order; x++) {
        for (int y = 0; y < order; y++) {
          for (int z = 0; z < order; z++) {
            nonAssociative += g.multiply(g.multiply(x, y), z) == g.multiply(x, g.multiply(y, z))
                ? 0 : 1;
          }
        }
      }
    } else {
      Random random = new Random(7);
      for (int t = 0; t < 200_000; t++) {
        int x = random.nextInt(order);
        int y = random.nextInt(order);
        int z = random.nextInt(order);
        nonAssociative += g.multiply(g.multiply(x, y), z) == g.multiply(x, g.multiply(y, z))
            ? 0 : 1;
      }
    }
    assertThat(nonAssociative).as("triples (xy)z != x(yz)").isZero();
  }

  @ParameterizedTest
  @CsvSource({"C2, true", "C9, true", "C12, true", "D3, false", "D8, false", "S3, false",
      "S5, false", "A3, true", "A4, false", "A5, false", "S2, true"})
  void commutesExactlyForTheAbelianGroups(String name, boolean abelian) {
    FiniteGroup g = FiniteGroup.parse(name);
    boolean commutes = true;
    for (int x = 0; x < g.order() && commutes; x++) {
      for (int y = 0; y < g.order() && commutes; y++) {
        commutes = g.multiply(x, y) == g.multiply(y, x);
      }
    }
    assertThat(commutes).isEqualTo(abelian);
    assertThat(g.abelian()).isEqualTo(abelian);
    // built once: the same group again, from the cache
    assertThat(FiniteGroup.parse(name)).isSameAs(g);
  }

  @Test
  void cyclicIndicesAreResiduesAndTheTableFollowsPairIndices() {
    FiniteGroup c = FiniteGroup.cyclic(7);
    int[] table = c.table();
    for (int x = 0; x < 7; x++) {
      for (int y = 0; y < 7; y++) {
        assertThat(table[x * 7 + y]).isEqualTo((x + y) % 7);
      }
    }
    assertThat(c.identity()).isZero();
    assertThat(c.inverses()).containsExactly(0, 6, 5, 4, 3, 2, 1);
  }

  @Test
  void dihedralIndicesAreRotationsThenReflectionsAsInChughtaiEtAl() {
    int n = 5;
    FiniteGroup d = FiniteGroup.dihedral(n);
    assertThat(d.elementNames()).containsExactly("e", "r", "r^2", "r^3", "r^4",
        "s", "rs", "r^2s", "r^3s", "r^4s");
    int r = 1;
    int s = n;
    // r^k is r multiplied k times; r^k s is index k + n.
    int power = d.identity();
    for (int k = 0; k < n; k++) {
      assertThat(power).isEqualTo(k);
      assertThat(d.multiply(power, s)).isEqualTo(k + n);
      power = d.multiply(power, r);
    }
    assertThat(power).isEqualTo(d.identity());
    assertThat(d.multiply(s, s)).isEqualTo(d.identity());
    // s r = r^{-1} s: the relation that makes D_n non-abelian.
    assertThat(d.multiply(s, r)).isEqualTo(d.multiply(n - 1, s));
    // Their compose(): a reflection r^a s times r^b s^c is r^(a−b) s^(1+c).
    assertThat(d.multiply(2 + n, 4)).isEqualTo(Math.floorMod(2 - 4, n) + n);
  }

  @ParameterizedTest
  @ValueSource(strings = {"S3", "S4", "S5", "A4", "A5", "A6"})
  void permutationProductAppliesTheLeftElementFirst(String name) {
    FiniteGroup g = FiniteGroup.parse(name);
    Random random = new Random(3);
    for (int t = 0; t < 500; t++) {
      int x = random.nextInt(g.order());
      int y = random.nextInt(g.order());
      int[] px = g.permutation(x);
      int[] py = g.permutation(y);
      int[] pxy = g.permutation(g.multiply(x, y));
      for (int i = 0; i < px.length; i++) {
        assertThat(pxy[i]).isEqualTo(py[px[i]]);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5, 6})
  void alternatingGroupsHoldExactlyTheEvenPermutations(int n) {
    FiniteGroup a = FiniteGroup.alternating(n);
    Set<String> seen = new HashSet<>();
    for (int x = 0; x < a.order(); x++) {
      assertThat(Permutations.sign(a.permutation(x))).isEqualTo(1);
      seen.add(Arrays.toString(a.permutation(x)));
    }
    assertThat(seen).hasSize(a.order());
  }

  /**
   * Index facts computed with sympy 1.11.1 (the version Chughtai et al. pin) from {@code
   * SymmetricGroup(n)._elements} and their A5 generators: the identity's index and a few products
   * {@code E.index(E[a] * E[b])}.
   */
  @ParameterizedTest
  @CsvSource({"S4, 0, 1, 2, 11", "S4, 0, 5, 7, 10", "S4, 0, 23, 3, 20",
      "S5, 20, 1, 2, 33", "S5, 20, 2, 1, 10", "S5, 20, 5, 7, 112", "S5, 20, 119, 3, 26",
      "S6, 60, 1, 2, 459", "S6, 60, 2, 1, 478", "S6, 60, 5, 7, 342", "S6, 60, 719, 3, 457",
      "A5, 0, 1, 2, 3", "A5, 0, 5, 7, 2", "A5, 0, 59, 3, 42"})
  void elementOrderIsSympysAsChughtaiEtAlUseIt(String name, int identity, int x, int y, int xy) {
    FiniteGroup g = FiniteGroup.parse(name);
    assertThat(g.identity()).isEqualTo(identity);
    assertThat(g.multiply(x, y)).isEqualTo(xy);
  }

  @Test
  void namesPermutationsInCycleNotation() {
    FiniteGroup s5 = FiniteGroup.symmetric(5);
    assertThat(s5.elementNames().get(s5.identity())).isEqualTo("()");
    assertThat(s5.permutation(0)).containsExactly(0, 1, 4, 2, 3);
    assertThat(s5.elementNames().get(0)).isEqualTo("(2 4 3)");
    assertThatThrownBy(() -> FiniteGroup.cyclic(5).permutation(0))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"s5", " A5 ", "d59", "c113"})
  void parsesCaseInsensitively(String value) {
    assertThat(FiniteGroup.parse(value).name()).isEqualTo(value.trim().toUpperCase());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"S7", "S1", "S0", "A2", "A1", "A7", "D1", "D2", "D1001", "C1", "C0",
      "C2001", "X5", "S", "5", "S-3", "S5x", "garbage", "Z_5", "S 5", "C99999999"})
  void rejectsBadValuesNamingTheKeyTheAllowedValuesAndTheValue(String value) {
    assertThatThrownBy(() -> FiniteGroup.parse(value))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.key()).isEqualTo("task.group");
          assertThat(e.getMessage()).contains("C<n>", "D<n>", "S<n>", "A<n>",
              "found " + value);
        });
  }
}
