package io.grokking.analysis.render;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.phase.Phase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Pure aggregation of classified runs into phase-diagram cells, one grid per modulus. */
public final class PhaseGrids {
  private PhaseGrids() {}

  /** One grid per modulus, in ascending modulus order. */
  public static SortedMap<Integer, PhaseGrid> byModulus(List<RunRecord> runs) {
    Map<Integer, List<RunRecord>> grouped = runs.stream()
        .collect(Collectors.groupingBy(RunRecord::modulus));
    SortedMap<Integer, PhaseGrid> grids = new TreeMap<>();
    grouped.forEach((modulus, group) -> grids.put(modulus, grid(modulus, group)));
    return grids;
  }

  /** The grid of one modulus; every run must have that modulus. */
  public static PhaseGrid grid(int modulus, List<RunRecord> runs) {
    Map<PhaseGrid.Key, List<RunRecord>> byCell = new HashMap<>();
    for (RunRecord run : runs) {
      if (run.modulus() != modulus) {
        throw new IllegalArgumentException(
            "Run " + run.runId() + " has modulus " + run.modulus() + ", expected " + modulus);
      }
      byCell.computeIfAbsent(new PhaseGrid.Key(run.weightDecay(), run.trainFraction()),
          k -> new ArrayList<>()).add(run);
    }
    Map<PhaseGrid.Key, PhaseCell> cells = new HashMap<>();
    byCell.forEach((key, group) -> cells.put(key, cell(group)));
    return new PhaseGrid(modulus,
        List.copyOf(new TreeSet<>(runs.stream().map(RunRecord::weightDecay).toList())),
        List.copyOf(new TreeSet<>(runs.stream().map(RunRecord::trainFraction).toList())),
        cells);
  }

  /**
   * Summarizes the runs of one cell (its seeds). The majority phase is voted among runs that did
   * not fail, since a crash says nothing about the phase; only a cell where every run failed is
   * {@link Phase#FAILED}. Ties go to the phase declared first in {@link Phase}, so the result does
   * not depend on run order; a tie always shows as disagreement anyway.
   */
  public static PhaseCell cell(List<RunRecord> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("A cell needs at least one run, found none");
    }
    Map<Phase, Integer> votes = new EnumMap<>(Phase.class);
    runs.stream().filter(r -> r.phase() != Phase.FAILED)
        .forEach(r -> votes.merge(r.phase(), 1, Integer::sum));
    int failed = runs.size() - votes.values().stream().mapToInt(Integer::intValue).sum();
    Phase majority = votes.entrySet().stream()
        // on equal votes the phase declared first ranks higher
        .max(Comparator.<Map.Entry<Phase, Integer>>comparingInt(Map.Entry::getValue)
            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
        .map(Map.Entry::getKey)
        .orElse(Phase.FAILED);
    int majorityVotes = majority == Phase.FAILED ? failed : votes.get(majority);
    List<Integer> delays = runs.stream()
        .filter(r -> r.phase() == majority)
        .map(RunRecord::delay)
        .filter(Objects::nonNull)
        .sorted()
        .toList();
    // lower median: a delay some run actually had, not an average of two
    Integer delay = delays.isEmpty() ? null : delays.get((delays.size() - 1) / 2);
    RunRecord first = runs.get(0);
    return new PhaseCell(first.weightDecay(), first.trainFraction(), majority, majorityVotes,
        runs.size(), failed, delay);
  }
}
