package io.grokking.sweep.refine;

import io.grokking.analysis.refine.Lattice;
import io.grokking.sweep.config.RefineConfig;
import io.grokking.sweep.config.SweepConfig;
import io.grokking.trainer.config.RunSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The rounds of a refining sweep ({@code sweep.refine.rounds} > 0): one {@link Quadtree} per
 * panel — each combination of values of the sweep's other axes, as the report draws them — over
 * the lattices of the two diagram axes. {@link #next} plays one round in every panel and returns
 * its new points' runs, within what is left of {@code sweep.refine.max-runs}: new points are
 * taken one panel after another in turn, each panel's in (y, x) order, while their runs fit, so
 * the budget cuts every panel alike and always at the same points.
 */
public final class RefiningSweep {
  /**
   * One played round.
   *
   * @param number  1 … R
   * @param points  new points across all panels (after the budget)
   * @param specs   their runs, every seed
   * @param dropped points the round asked for that the budget left out
   */
  public record Round(int number, int points, List<RunSpec> specs, int dropped) {
    public Round {
      specs = List.copyOf(specs);
    }
  }

  private record Panel(Map<String, Object> values, Quadtree tree,
      Map<Quadtree.Node, List<String>> runIds) {}

  private final SweepConfig sweep;
  private final PointSpecs pointSpecs;
  private final Lattice x;
  private final Lattice y;
  private final List<Panel> panels = new ArrayList<>();
  private final List<RunSpec> coarse = new ArrayList<>();
  private final List<Round> played = new ArrayList<>();
  private int budget;

  public RefiningSweep(SweepConfig sweep, PointSpecs pointSpecs) {
    RefineConfig refine = sweep.refine();
    if (!refine.enabled()) {
      throw new IllegalArgumentException("The sweep does not refine: sweep.refine.rounds = 0");
    }
    this.sweep = sweep;
    this.pointSpecs = pointSpecs;
    String xKey = sweep.analysis().x();
    String yKey = sweep.analysis().y();
    this.x = sweep.refinement().xLattice();
    this.y = sweep.refinement().yLattice();
    this.budget = refine.maxRuns();
    List<String> panelKeys = sweep.axisKeys().stream()
        .filter(k -> !k.equals(xKey) && !k.equals(yKey))
        .filter(k -> new LinkedHashSet<>(sweep.axisValues(k)).size() > 1)
        .toList();
    for (Map<String, Object> values : product(panelKeys)) {
      Panel panel = new Panel(values, new Quadtree(x.coarse().size(), y.coarse().size(),
          refine.rounds(), refine.trigger()), new HashMap<>());
      for (Quadtree.Node n : Quadtree.coarse(x.coarse().size(), y.coarse().size(),
          refine.rounds())) {
        coarse.addAll(measure(panel, n));
      }
      panels.add(panel);
    }
  }

  /** The runs of the configured grid, the coarse level: every panel's coarse points. */
  public List<RunSpec> coarse() {
    return List.copyOf(coarse);
  }

  public Lattice xLattice() {
    return x;
  }

  public Lattice yLattice() {
    return y;
  }

  public int panels() {
    return panels.size();
  }

  /** True once every round is played. */
  public boolean done() {
    return panels.isEmpty() || panels.get(0).tree().done();
  }

  /** The rounds played so far. */
  public List<Round> played() {
    return List.copyOf(played);
  }

  /** Runs refinement may still add: sweep.refine.max-runs less what earlier rounds took. */
  public int budgetLeft() {
    return budget;
  }

  /**
   * How many runs a uniform grid at the finest resolution would need: every lattice point of
   * every panel, with as many runs per point as the coarse points have.
   */
  public long uniformRuns() {
    long coarsePoints = (long) panels.size() * x.coarse().size() * y.coarse().size();
    return coarsePoints == 0 ? 0
        : (long) panels.size() * x.size() * y.size() * coarse.size() / coarsePoints;
  }

  /**
   * Plays the next round in every panel.
   *
   * @param corners what is known at a point from its runs' ids: its majority phase and whether
   *     its seeds disagree, empty when it has no phase (not committed, or all its runs failed)
   */
  public Round next(Function<List<String>, Optional<Quadtree.Corner>> corners) {
    List<List<Quadtree.Node>> asked = new ArrayList<>();
    for (Panel panel : panels) {
      asked.add(panel.tree().next(n -> {
        List<String> ids = panel.runIds().get(n);
        return ids == null ? Optional.empty() : corners.apply(ids);
      }));
    }
    int number = played.size() + 1;
    List<RunSpec> specs = new ArrayList<>();
    int points = 0;
    int dropped = 0;
    boolean full = false;
    int longest = asked.stream().mapToInt(List::size).max().orElse(0);
    for (int k = 0; k < longest; k++) {
      for (int p = 0; p < panels.size(); p++) {
        if (k >= asked.get(p).size()) {
          continue;
        }
        Panel panel = panels.get(p);
        Quadtree.Node n = asked.get(p).get(k);
        List<RunSpec> runs = full ? List.of() : specsOf(panel, n);
        if (full || runs.size() > budget) {
          full = true; // the same cut in every replay: nothing after the first point that misses
          dropped++;
          continue;
        }
        budget -= runs.size();
        panel.runIds().put(n, runs.stream().map(RunSpec::runId).toList());
        specs.addAll(runs);
        points++;
      }
    }
    Round round = new Round(number, points, specs, dropped);
    played.add(round);
    return round;
  }

  private List<RunSpec> measure(Panel panel, Quadtree.Node n) {
    List<RunSpec> runs = specsOf(panel, n);
    panel.runIds().put(n, runs.stream().map(RunSpec::runId).toList());
    return runs;
  }

  private List<RunSpec> specsOf(Panel panel, Quadtree.Node n) {
    Map<String, Object> fixed = new LinkedHashMap<>(panel.values());
    fixed.put(sweep.analysis().x(), x.value(n.i()));
    fixed.put(sweep.analysis().y(), y.value(n.j()));
    return pointSpecs.specs(fixed);
  }

  /** Every combination of the keys' values, the last key varying fastest. */
  private List<Map<String, Object>> product(List<String> keys) {
    List<Map<String, Object>> result = new ArrayList<>();
    result.add(new LinkedHashMap<>());
    for (String key : keys) {
      List<Map<String, Object>> next = new ArrayList<>();
      Set<Object> distinct = new LinkedHashSet<>(sweep.axisValues(key));
      for (Map<String, Object> partial : result) {
        for (Object value : distinct) {
          Map<String, Object> m = new LinkedHashMap<>(partial);
          m.put(key, value);
          next.add(m);
        }
      }
      result = next;
    }
    return result;
  }
}
