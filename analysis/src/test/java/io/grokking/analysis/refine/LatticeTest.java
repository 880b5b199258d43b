package io.grokking.analysis.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The lattice a refinement reaches: arithmetic or geometric midpoints, indices and rounds. */
class LatticeTest {
  @Test
  void linearAxisHalvesEachIntervalPerRound() {
    Lattice l = Lattice.of(List.of(0.0, 1.0, 2.0, 3.0, 4.0), 2);
    assertThat(l.geometric()).isFalse();
    assertThat(l.step()).isEqualTo(4);
    assertThat(l.size()).isEqualTo(17);
    assertThat(IntStream.range(0, 17).mapToObj(l::value).toList())
        .containsExactly(0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 2.75, 3.0,
            3.25, 3.5, 3.75, 4.0);
    assertThat(List.of(l.level(0), l.level(4), l.level(2), l.level(1), l.level(3), l.level(6)))
        .containsExactly(0, 0, 1, 2, 2, 1);
  }

  @Test
  void geometricAxisTakesGeometricMeans() {
    Lattice l = Lattice.of(List.of(1e-3, 1e-2, 1e-1), 1);
    assertThat(l.geometric()).isTrue();
    // the geometric mean of 1e-3 and 1e-2, rounded to 12 significant digits
    assertThat(l.value(1)).isEqualTo(0.00316227766017);
    assertThat(l.value(3)).isEqualTo(0.0316227766017);
    assertThat(l.index(0.00316227766017)).hasValue(1);
    assertThat(l.fineIndexOf(Math.sqrt(1e-3 * 1e-2))).isCloseTo(1.0,
        org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void indexFindsOnlyLatticePoints() {
    Lattice l = Lattice.of(List.of(0.2, 0.375, 0.55), 2);
    assertThat(l.index(0.24375)).hasValue(1);
    assertThat(l.index(0.55)).hasValue(8);
    assertThat(l.index(0.25)).isEmpty();
    assertThat(l.index(0.9)).isEmpty();
    assertThat(l.valueAt(-2)).isCloseTo(0.2 - 0.175 / 2, org.assertj.core.data.Offset.offset(
        1e-12));
  }

  @Test
  void unevenCoarseValuesKeepTheirOwnIntervals() {
    Lattice l = Lattice.of(List.of(0.0, 0.3, 1.0, 3.0, 10.0), 1);
    assertThat(l.geometric()).as("0 is on it").isFalse();
    assertThat(IntStream.range(0, l.size()).mapToObj(l::value).toList())
        .containsExactly(0.0, 0.15, 0.3, 0.65, 1.0, 2.0, 3.0, 6.5, 10.0);
  }

  @Test
  void refusesWhatCannotBeALattice() {
    assertThatThrownBy(() -> Lattice.of(List.of(1.0), 1)).hasMessageContaining("two");
    assertThatThrownBy(() -> new Lattice(List.of(1.0, 2.0), -1, false))
        .hasMessageContaining("found -1");
    assertThatThrownBy(() -> new Lattice(List.of(2.0, 1.0), 1, false))
        .hasMessageContaining("ascend");
  }
}
