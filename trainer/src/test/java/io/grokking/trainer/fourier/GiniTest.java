package io.grokking.trainer.fourier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The Gini coefficient on hand-worked vectors. */
class GiniTest {

  @Test
  void anEvenVectorHasNoInequality() {
    assertThat(Gini.of(new double[] {1, 1, 1, 1})).isCloseTo(0.0, within(1e-15));
  }

  @Test
  void oneEntryHoldingEverythingGivesOneMinusOneOverN() {
    // Six ordered pairs differ by 1: 6 / (2 · 4 · 1) = 0.75.
    assertThat(Gini.of(new double[] {0, 0, 0, 1})).isCloseTo(0.75, within(1e-15));
  }

  @Test
  void twoValuesWorkedByHand() {
    // [1, 3]: Σ|x_i − x_j| = 2 · 2 = 4, 2 n Σx = 2 · 2 · 4 = 16.
    assertThat(Gini.of(new double[] {1, 3})).isCloseTo(0.25, within(1e-15));
    // [1, 1, 4]: ordered pairs 0 + 3 + 3 twice = 12, 2 · 3 · 6 = 36.
    assertThat(Gini.of(new double[] {1, 1, 4})).isCloseTo(1.0 / 3, within(1e-15));
  }

  @Test
  void aRangeLeavesTheOtherEntriesOut() {
    // The constant k = 0 in front is not counted.
    assertThat(Gini.of(new double[] {100, 0, 0, 0, 1}, 1, 5)).isCloseTo(0.75, within(1e-15));
  }

  @Test
  void scalingChangesNothing() {
    assertThat(Gini.of(new double[] {2, 6})).isCloseTo(Gini.of(new double[] {1, 3}),
        within(1e-15));
  }

  @Test
  void anAllZeroVectorHasNoCoefficient() {
    assertThat(Gini.of(new double[] {0, 0, 0})).isNaN();
  }

  @Test
  void negativeEntriesAreRejectedWithTheirIndex() {
    assertThatThrownBy(() -> Gini.of(new double[] {1, -2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("entries must be non-negative, found -2.0 at 1");
  }
}
