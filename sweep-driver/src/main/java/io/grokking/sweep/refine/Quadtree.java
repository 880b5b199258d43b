package io.grokking.sweep.refine;

import io.grokking.sweep.config.RefineConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The refinement of one panel, on the fine lattice of its two diagram axes (points addressed by
 * fine index, coarse point k at k · 2^R; see {@link io.grokking.analysis.refine.Lattice}).
 *
 * <p>Round 1 looks at every cell of the coarse grid, round r at the quarters of the cells round r
 * − 1 subdivided. A cell is subdivided when an edge of it disagrees: its two corners have
 * different majority phases, or the seeds of either corner disagree, as the trigger says. It then
 * gains a point at its centre and at the midpoint of each disagreeing edge. The midpoint of an
 * agreeing edge is not trained: it takes the phase its two corners share, so that the quarters
 * next to it can be judged in the next round. A cell with a corner that has no phase — a point
 * left out by the run budget, or whose runs all failed — is not subdivided. An edge belongs to
 * both cells beside it, so its midpoint is asked for once and both cells agree on it.
 *
 * <p>Everything is decided from the phases alone, so the same phases give the same points: a
 * resumed sweep replays the rounds from its committed runs and asks for nothing new.
 */
public final class Quadtree {
  /** A point of the fine lattice. */
  public record Node(int i, int j) implements Comparable<Node> {
    @Override
    public int compareTo(Node o) {
      return j != o.j ? Integer.compare(j, o.j) : Integer.compare(i, o.i);
    }
  }

  /**
   * What is known at a point.
   *
   * @param phase         the majority phase of its seeds
   * @param seedsDisagree whether some seed has another phase
   */
  public record Corner(String phase, boolean seedsDisagree) {}

  /** A cell: lower-left corner and side, in fine units. */
  private record Cell(int i, int j, int side) {}

  private final int rounds;
  private final RefineConfig.Trigger trigger;
  private final Map<Node, Corner> inferred = new HashMap<>();
  private List<Cell> active = new ArrayList<>();
  private int round;

  /**
   * @param xCoarse coarse values along x (at least two)
   * @param yCoarse coarse values along y (at least two)
   */
  public Quadtree(int xCoarse, int yCoarse, int rounds, RefineConfig.Trigger trigger) {
    if (xCoarse < 2 || yCoarse < 2) {
      throw new IllegalArgumentException("A quadtree needs two coarse values per axis, found "
          + xCoarse + " × " + yCoarse);
    }
    this.rounds = rounds;
    this.trigger = trigger;
    int step = 1 << rounds;
    for (int b = 0; b + 1 < yCoarse; b++) {
      for (int a = 0; a + 1 < xCoarse; a++) {
        active.add(new Cell(a * step, b * step, step));
      }
    }
  }

  /** The coarse points, in (y, x) order. */
  public static List<Node> coarse(int xCoarse, int yCoarse, int rounds) {
    List<Node> nodes = new ArrayList<>();
    int step = 1 << rounds;
    for (int b = 0; b < yCoarse; b++) {
      for (int a = 0; a < xCoarse; a++) {
        nodes.add(new Node(a * step, b * step));
      }
    }
    return nodes;
  }

  /** Rounds played so far. */
  public int round() {
    return round;
  }

  /** True once every round has been played. */
  public boolean done() {
    return round >= rounds;
  }

  /**
   * Plays the next round: the new points to train, in (y, x) order, given what is known at the
   * points trained so far ({@code measured} is empty for a point without a phase).
   */
  public List<Node> next(Function<Node, Optional<Corner>> measured) {
    if (done()) {
      throw new IllegalStateException("All " + rounds + " rounds are played");
    }
    round++;
    TreeSet<Node> added = new TreeSet<>();
    List<Cell> children = new ArrayList<>();
    for (Cell c : active) {
      int h = c.side() / 2;
      Node n00 = new Node(c.i(), c.j());
      Node n10 = new Node(c.i() + c.side(), c.j());
      Node n01 = new Node(c.i(), c.j() + c.side());
      Node n11 = new Node(c.i() + c.side(), c.j() + c.side());
      Optional<Corner> c00 = known(n00, measured);
      Optional<Corner> c10 = known(n10, measured);
      Optional<Corner> c01 = known(n01, measured);
      Optional<Corner> c11 = known(n11, measured);
      if (c00.isEmpty() || c10.isEmpty() || c01.isEmpty() || c11.isEmpty()) {
        continue;
      }
      Edge[] edges = {
          new Edge(c00.get(), c10.get(), new Node(c.i() + h, c.j())),
          new Edge(c01.get(), c11.get(), new Node(c.i() + h, c.j() + c.side())),
          new Edge(c00.get(), c01.get(), new Node(c.i(), c.j() + h)),
          new Edge(c10.get(), c11.get(), new Node(c.i() + c.side(), c.j() + h))};
      boolean subdivide = false;
      for (Edge e : edges) {
        subdivide |= disagree(e.a(), e.b());
      }
      if (!subdivide) {
        continue;
      }
      added.add(new Node(c.i() + h, c.j() + h));
      for (Edge e : edges) {
        if (disagree(e.a(), e.b())) {
          added.add(e.mid());
        } else {
          inferred.putIfAbsent(e.mid(), new Corner(e.a().phase(), false));
        }
      }
      children.add(new Cell(c.i(), c.j(), h));
      children.add(new Cell(c.i() + h, c.j(), h));
      children.add(new Cell(c.i(), c.j() + h, h));
      children.add(new Cell(c.i() + h, c.j() + h, h));
    }
    active = children;
    return List.copyOf(added);
  }

  private record Edge(Corner a, Corner b, Node mid) {}

  private Optional<Corner> known(Node n, Function<Node, Optional<Corner>> measured) {
    Optional<Corner> m = measured.apply(n);
    return m.isPresent() ? m : Optional.ofNullable(inferred.get(n));
  }

  private boolean disagree(Corner a, Corner b) {
    return (trigger.onPhases() && !a.phase().equals(b.phase()))
        || (trigger.onSeeds() && (a.seedsDisagree() || b.seedsDisagree()));
  }
}
