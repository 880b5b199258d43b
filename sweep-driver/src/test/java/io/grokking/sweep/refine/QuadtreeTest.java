package io.grokking.sweep.refine;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.sweep.config.RefineConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The quadtree on synthetic phase maps, no training: it refines only along a boundary, not at
 * all in a panel without disagreement, and gives the same points for the same phases.
 */
class QuadtreeTest {
  private static final int ROUNDS = 2;
  private static final int COARSE = 5;
  private static final int FINE = (COARSE - 1) * (1 << ROUNDS) + 1;

  /** Plays every round with phases read off {@code phase}, the points trained so far only. */
  private static List<List<Quadtree.Node>> play(BiFunction<Integer, Integer, String> phase,
      RefineConfig.Trigger trigger, java.util.function.Predicate<Quadtree.Node> split) {
    Quadtree tree = new Quadtree(COARSE, COARSE, ROUNDS, trigger);
    Map<Quadtree.Node, Quadtree.Corner> measured = new HashMap<>();
    for (Quadtree.Node n : Quadtree.coarse(COARSE, COARSE, ROUNDS)) {
      measured.put(n, new Quadtree.Corner(phase.apply(n.i(), n.j()), split.test(n)));
    }
    List<List<Quadtree.Node>> rounds = new ArrayList<>();
    while (!tree.done()) {
      List<Quadtree.Node> added = tree.next(n -> Optional.ofNullable(measured.get(n)));
      added.forEach(n -> measured.put(n, new Quadtree.Corner(phase.apply(n.i(), n.j()),
          split.test(n))));
      rounds.add(added);
    }
    return rounds;
  }

  /** A diagonal boundary: phase A below the line i + j = 15 (fine units), B above it. */
  private static String diagonal(int i, int j) {
    return i + j < 15 ? "A" : "B";
  }

  @Test
  void refinesOnlyAlongTheBoundary() {
    List<List<Quadtree.Node>> rounds = play(QuadtreeTest::diagonal, RefineConfig.Trigger.PHASES,
        n -> false);
    assertThat(rounds).hasSize(ROUNDS);
    assertThat(rounds.get(0)).isNotEmpty();
    assertThat(rounds.get(1)).isNotEmpty();
    int coarseStep = 1 << ROUNDS;
    for (int r = 0; r < ROUNDS; r++) {
      int side = coarseStep >> r; // side of the cells this round subdivided
      for (Quadtree.Node n : rounds.get(r)) {
        // every new point lies in a cell of that side which the line i + j = 14.5 crosses
        int i0 = Math.floorDiv(n.i(), side) * side;
        int j0 = Math.floorDiv(n.j(), side) * side;
        int lo = i0 + j0;
        int hi = i0 + j0 + 2 * side;
        assertThat(lo <= 14 && hi >= 15).as("round %d point %s is near the boundary", r + 1, n)
            .isTrue();
      }
    }
    // far from the line nothing is added: the corner cells stay coarse
    List<Quadtree.Node> all = new ArrayList<>();
    rounds.forEach(all::addAll);
    assertThat(all).noneMatch(n -> n.i() + n.j() <= 6 || n.i() + n.j() >= 24);
    // and fewer points than a uniform fine grid would add
    assertThat(all.size() + COARSE * COARSE).isLessThan(FINE * FINE / 2);
  }

  @Test
  void aPanelWithoutDisagreementAddsNoPoints() {
    List<List<Quadtree.Node>> rounds = play((i, j) -> "A", RefineConfig.Trigger.BOTH,
        n -> false);
    assertThat(rounds).hasSize(ROUNDS).allMatch(List::isEmpty);
  }

  @Test
  void theSamePhasesGiveTheSamePoints() {
    assertThat(play(QuadtreeTest::diagonal, RefineConfig.Trigger.BOTH, n -> false))
        .isEqualTo(play(QuadtreeTest::diagonal, RefineConfig.Trigger.BOTH, n -> false));
  }

  @Test
  void theTriggerChoosesWhatCountsAsDisagreement() {
    // one phase everywhere, but the seeds of the centre point disagree
    Quadtree.Node centre = new Quadtree.Node(8, 8);
    List<List<Quadtree.Node>> bySeeds = play((i, j) -> "A", RefineConfig.Trigger.SEEDS,
        centre::equals);
    List<List<Quadtree.Node>> byPhases = play((i, j) -> "A", RefineConfig.Trigger.PHASES,
        centre::equals);
    assertThat(byPhases).allMatch(List::isEmpty);
    // the four cells around it split: their centres, and the midpoints of its four edges
    assertThat(bySeeds.get(0)).containsExactly(new Quadtree.Node(6, 6), new Quadtree.Node(8, 6),
        new Quadtree.Node(10, 6), new Quadtree.Node(6, 8), new Quadtree.Node(10, 8),
        new Quadtree.Node(6, 10), new Quadtree.Node(8, 10), new Quadtree.Node(10, 10));
  }

  @Test
  void agreeingEdgesLendTheirPhaseToTheirMidpoint() {
    // a vertical boundary between fine columns 9 and 10: only cells over x in [8, 12] split
    List<List<Quadtree.Node>> rounds = play((i, j) -> i < 10 ? "A" : "B",
        RefineConfig.Trigger.PHASES, n -> false);
    assertThat(rounds.get(0)).allMatch(n -> n.i() == 10)
        .as("centres and bottom/top midpoints of the cells between x = 8 and 12").hasSize(9);
    // round 2: the quarters touching x = 10 whose corners disagree, each at its centre and on
    // its horizontal edges; the left midpoints (x = 8) were inferred, not trained
    assertThat(rounds.get(1)).isNotEmpty().allMatch(n -> n.i() == 9);
  }
}
