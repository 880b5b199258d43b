package io.grokking.analysis.render;

import io.grokking.analysis.milestones.RunRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The cells of one panel's phase diagram on its categorical axes, {@code x} across and {@code y}
 * up. A grid point with no run has no cell.
 *
 * @param members the runs of each cell, by seed
 */
public record PhaseGrid(Panel panel, Axis x, Axis y, Map<Key, PhaseCell> cells,
    Map<Key, List<RunRecord>> members) {

  /** Grid coordinates of a cell: its x and y values, normalised as on their {@link Axis}. */
  public record Key(String x, String y) {}

  public PhaseGrid {
    cells = Map.copyOf(cells);
    members = Map.copyOf(members);
  }

  /** The cell of a run: its values of the two axis settings. */
  public Key keyOf(RunRecord run) {
    return new Key(Axis.valueOf(run, x.key()), Axis.valueOf(run, y.key()));
  }

  /** The cell at these values, or null. */
  public PhaseCell cell(String xValue, String yValue) {
    return cells.get(new Key(Axis.normal(xValue), Axis.normal(yValue)));
  }

  /** The cell at these numeric values, or null. */
  public PhaseCell cell(double xValue, double yValue) {
    return cell(Double.toString(xValue), Double.toString(yValue));
  }

  /** The runs of the cell at {@code key} ordered by seed, empty when it has none. */
  public List<RunRecord> runsOf(Key key) {
    return members.getOrDefault(key, List.of()).stream()
        .sorted(Comparator.comparingLong(RunRecord::seed).thenComparing(RunRecord::runId))
        .toList();
  }

  /** The panel's modulus, null when the modulus is an axis. */
  public Integer modulus() {
    return panel.modulus();
  }

  /** How many runs the grid summarizes. */
  public int runs() {
    return cells.values().stream().mapToInt(PhaseCell::runs).sum();
  }
}
