package io.grokking.analysis.refine;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.render.PhaseCell;
import io.grokking.analysis.render.PhaseGrid;
import io.grokking.analysis.render.PhaseGrids;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A refined diagram checked against a uniform grid of the same axes: every cell of the uniform
 * grid is looked up in the refined map of its panel ({@link RefinedMap#phaseAt}), and its
 * majority phase compared with the phase the refined diagram shows there.
 */
public final class Comparison {
  /**
   * One uniform point whose phase the refined diagram does not show.
   *
   * @param refined the phase shown there, null where no refined cell reaches
   */
  public record Miss(String panel, String x, String y, Phase uniform, Phase refined) {}

  /**
   * @param points        uniform points looked up (cells of panels the refined sweep also has)
   * @param agree         of them, how many show the same phase
   * @param refinedRuns   runs of the refined sweep
   * @param uniformRuns   runs of the uniform sweep
   * @param missedPanels  panels of the uniform sweep that the refined one does not have
   */
  public record Result(int points, int agree, List<Miss> misses, long refinedRuns,
      long uniformRuns, List<String> missedPanels) {
    public Result {
      misses = List.copyOf(misses);
      missedPanels = List.copyOf(missedPanels);
    }

    public double agreement() {
      return points == 0 ? 0 : (double) agree / points;
    }
  }

  private Comparison() {}

  public static Result of(Refinement refinement, String xKey, String yKey,
      List<RunRecord> refined, List<RunRecord> uniform) {
    Map<String, RefinedMap> maps = new HashMap<>();
    for (PhaseGrid grid : PhaseGrids.panels(refined, xKey, yKey)) {
      maps.put(grid.panel().title(), refinement.map(grid));
    }
    int points = 0;
    int agree = 0;
    List<Miss> misses = new ArrayList<>();
    List<String> missedPanels = new ArrayList<>();
    for (PhaseGrid grid : PhaseGrids.panels(uniform, xKey, yKey)) {
      RefinedMap map = maps.get(grid.panel().title());
      if (map == null) {
        missedPanels.add(grid.panel().title());
        continue;
      }
      for (Map.Entry<PhaseGrid.Key, PhaseCell> e : grid.cells().entrySet()) {
        double x = Double.parseDouble(e.getKey().x());
        double y = Double.parseDouble(e.getKey().y());
        Phase shown = map.phaseAt(x, y);
        points++;
        if (shown == e.getValue().phase()) {
          agree++;
        } else {
          misses.add(new Miss(grid.panel().title(), e.getKey().x(), e.getKey().y(),
              e.getValue().phase(), shown));
        }
      }
    }
    misses.sort(java.util.Comparator.comparing(Miss::panel)
        .thenComparingDouble(m -> Double.parseDouble(m.y()))
        .thenComparingDouble(m -> Double.parseDouble(m.x())));
    return new Result(points, agree, misses, refined.size(), uniform.size(), missedPanels);
  }
}
