package io.grokking.analysis.render;

import io.grokking.analysis.phase.Phase;

/**
 * One cell of a phase diagram, one combination of its x and y values, summarizing its seeds.
 *
 * @param phase    the majority phase (see {@link PhaseGrids#cell})
 * @param votes    how many runs have the majority phase
 * @param runs     how many runs the cell holds, failed ones included
 * @param failed   how many of them failed
 * @param delay    lower median of t_test − t_train over the majority's runs with both milestones,
 *                 null when none has both (memorization, confusion, failed)
 */
public record PhaseCell(Phase phase, int votes, int runs, int failed, Integer delay) {

  /** True when some run of the cell has another phase than the majority, or failed. */
  public boolean disagrees() {
    return votes < runs;
  }

  /** {@code "votes/runs"}, such as {@code "2/3"}. */
  public String agreement() {
    return votes + "/" + runs;
  }
}
