package io.grokking.analysis.refine;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.render.PhaseCell;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The refined map: which cell shows where, and the boundaries between phases. */
class RefinedMapTest {
  private static PhaseCell cell(Phase phase) {
    return new PhaseCell(phase, 1, 1, 0, null);
  }

  private static RefinedMap.Point point(int i, int j, Phase phase) {
    return new RefinedMap.Point(i, j, cell(phase));
  }

  @Test
  void aCoarseGridSplitDownTheMiddleHasOneStraightBoundary() {
    // 3 × 2 coarse points, no rounds: x = 0 and 1 memorize, x = 2 groks
    Lattice x = Lattice.of(List.of(0.0, 1.0, 2.0), 0);
    Lattice y = Lattice.of(List.of(0.3, 0.6), 0);
    List<RefinedMap.Point> points = new ArrayList<>();
    for (int j = 0; j < 2; j++) {
      points.add(point(0, j, Phase.MEMORIZATION));
      points.add(point(1, j, Phase.MEMORIZATION));
      points.add(point(2, j, Phase.GROKKING));
    }
    RefinedMap map = new RefinedMap(x, y, points);

    assertThat(map.boundaries()).containsExactly(new RefinedMap.Segment(true, 1.5, -0.5, 1.5,
        1.5, Phase.MEMORIZATION, Phase.GROKKING));
    assertThat(map.phaseAt(1.4, 0.45)).isEqualTo(Phase.MEMORIZATION);
    assertThat(map.phaseAt(1.6, 0.45)).isEqualTo(Phase.GROKKING);
    assertThat(map.phaseAt(5.0, 0.45)).as("beyond every cell").isNull();
  }

  @Test
  void laterRoundsCellsLieOnTopAndMoveTheBoundary() {
    // coarse 0 and 4 (one round: step 2), a round-1 point at fine index 1 between them
    Lattice x = Lattice.of(List.of(0.0, 4.0), 1);
    Lattice y = Lattice.of(List.of(0.0, 1.0), 1);
    RefinedMap map = new RefinedMap(x, y, List.of(point(0, 0, Phase.MEMORIZATION),
        point(2, 0, Phase.COMPREHENSION), point(1, 0, Phase.COMPREHENSION)));

    assertThat(map.halfSide(map.points().get(0))).isEqualTo(1.0);
    assertThat(map.halfSide(map.points().get(2))).as("the round-1 point").isEqualTo(0.5);
    // fine 0.6 is in the coarse cell of 0 (reaches 1) and in the round-1 cell of 1 (0.5..1.5)
    assertThat(map.at(0.6, 0).cell().phase()).isEqualTo(Phase.COMPREHENSION);
    assertThat(map.at(0.4, 0).cell().phase()).isEqualTo(Phase.MEMORIZATION);
    // value 1.0 is fine index 0.5: on the round-1 cell's edge, which wins as the later round
    assertThat(map.phaseAt(1.0, 0.0)).isEqualTo(Phase.COMPREHENSION);
    // the fine cell is a notch in the boundary, which runs at x = 1 elsewhere
    assertThat(map.boundaries()).containsExactly(
        new RefinedMap.Segment(true, 0.5, -0.5, 0.5, 0.5, Phase.MEMORIZATION,
            Phase.COMPREHENSION),
        new RefinedMap.Segment(true, 1.0, -1.0, 1.0, -0.5, Phase.MEMORIZATION,
            Phase.COMPREHENSION),
        new RefinedMap.Segment(true, 1.0, 0.5, 1.0, 1.0, Phase.MEMORIZATION,
            Phase.COMPREHENSION),
        new RefinedMap.Segment(false, 0.5, -0.5, 1.0, -0.5, Phase.MEMORIZATION,
            Phase.COMPREHENSION),
        new RefinedMap.Segment(false, 0.5, 0.5, 1.0, 0.5, Phase.COMPREHENSION,
            Phase.MEMORIZATION));
  }

  @Test
  void onePhaseHasNoBoundary() {
    Lattice x = Lattice.of(List.of(0.0, 1.0), 1);
    Lattice y = Lattice.of(List.of(0.0, 1.0), 1);
    RefinedMap map = new RefinedMap(x, y, List.of(point(0, 0, Phase.GROKKING),
        point(2, 0, Phase.GROKKING), point(0, 2, Phase.GROKKING), point(2, 2, Phase.GROKKING)));
    assertThat(map.boundaries()).isEmpty();
  }
}
