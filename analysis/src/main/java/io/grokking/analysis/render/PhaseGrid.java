package io.grokking.analysis.render;

import java.util.List;
import java.util.Map;

/**
 * The cells of one modulus's phase diagram on its categorical axes: distinct weight decays and
 * training fractions in ascending order. A grid point with no run has no cell.
 */
public record PhaseGrid(int modulus, List<Double> weightDecays, List<Double> trainFractions,
    Map<Key, PhaseCell> cells) {

  /** Grid coordinates of a cell. */
  public record Key(double weightDecay, double trainFraction) {}

  public PhaseGrid {
    weightDecays = List.copyOf(weightDecays);
    trainFractions = List.copyOf(trainFractions);
    cells = Map.copyOf(cells);
  }

  /** The cell at these coordinates, or null. */
  public PhaseCell cell(double weightDecay, double trainFraction) {
    return cells.get(new Key(weightDecay, trainFraction));
  }

  /** How many runs the grid summarizes. */
  public int runs() {
    return cells.values().stream().mapToInt(PhaseCell::runs).sum();
  }
}
