package io.grokking.analysis.refine;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.render.Axis;
import io.grokking.analysis.render.PhaseGrid;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * How a sweep refined its grid: the coarse values of the two diagram axes and the rounds, which
 * together fix the lattice every refined point lies on.
 *
 * @param x      the configured values of the setting across the diagrams
 * @param y      the configured values of the setting up the diagrams
 * @param rounds refinement rounds R ≥ 1
 */
public record Refinement(List<Double> x, List<Double> y, int rounds) {
  public Refinement {
    x = List.copyOf(x);
    y = List.copyOf(y);
  }

  public Lattice xLattice() {
    return Lattice.of(x, rounds);
  }

  public Lattice yLattice() {
    return Lattice.of(y, rounds);
  }

  /**
   * The refined map of one panel's grid: each of its cells whose values lie on the lattice
   * becomes a point; a cell off the lattice (a run another configuration left in the directory)
   * is not part of it.
   */
  public RefinedMap map(PhaseGrid grid) {
    Lattice lx = xLattice();
    Lattice ly = yLattice();
    List<RefinedMap.Point> points = new ArrayList<>();
    grid.cells().forEach((key, cell) -> {
      OptionalInt i = index(lx, key.x());
      OptionalInt j = index(ly, key.y());
      if (i.isPresent() && j.isPresent()) {
        points.add(new RefinedMap.Point(i.getAsInt(), j.getAsInt(), cell, key));
      }
    });
    return new RefinedMap(lx, ly, points);
  }

  /** How many runs of {@code grid} the map leaves out, being off the lattice. */
  public long offLattice(PhaseGrid grid) {
    Lattice lx = xLattice();
    Lattice ly = yLattice();
    return grid.cells().keySet().stream()
        .filter(k -> index(lx, k.x()).isEmpty() || index(ly, k.y()).isEmpty())
        .mapToLong(k -> grid.members().getOrDefault(k, List.<RunRecord>of()).size()).sum();
  }

  private static OptionalInt index(Lattice lattice, String value) {
    try {
      return lattice.index(Double.parseDouble(Axis.normal(value)));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
