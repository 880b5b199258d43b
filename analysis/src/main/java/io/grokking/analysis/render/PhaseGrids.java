package io.grokking.analysis.render;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.phase.Phase;
import io.grokking.trainer.config.Setting;
import io.grokking.trainer.config.Settings;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TaskSpec;
import io.grokking.trainer.config.Tasks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;


/**
 * Pure aggregation of classified runs into phase-diagram cells: one grid per panel, a panel being
 * one combination of values of the varied settings other than the two axes (and the seed). The
 * modulus always takes part in a panel unless it is an axis, so the default, weight decay ×
 * training fraction, gives one grid per modulus as before.
 */
public final class PhaseGrids {
  private PhaseGrids() {}

  /** One grid per panel over {@code xKey} × {@code yKey}, panels in {@link Panel#ORDER}. */
  public static List<PhaseGrid> panels(List<RunRecord> runs, String xKey, String yKey) {
    List<Setting> parts = panelSettings(runs, xKey, yKey);
    Map<Panel, List<RunRecord>> grouped = new HashMap<>();
    for (RunRecord run : runs) {
      Panel panel = new Panel(parts.stream()
          .map(s -> new Panel.Part(s, Axis.valueOf(run, s.key()))).toList());
      grouped.computeIfAbsent(panel, k -> new ArrayList<>()).add(run);
    }
    List<Panel> order = new ArrayList<>(grouped.keySet());
    order.sort(Panel.ORDER);
    return order.stream().map(panel -> grid(panel, xKey, yKey, grouped.get(panel))).toList();
  }

  /**
   * The settings that make up the panels of {@code runs}: every varied setting but the axes, and
   * what names the task whether it varies or not unless it is an axis, in {@link Settings#ALL}
   * order. What names the task is the modulus when a run's task reads the grid's moduli, and the
   * task's own settings (a group) for a task that fixes its size itself; the modulus is then only
   * that size, and no part.
   */
  public static List<Setting> panelSettings(List<RunRecord> runs, String xKey,
      String yKey) {
    List<Setting> varied = RunRecord.variedSettings(runs);
    List<TaskSpec> tasks = runs.stream().map(r -> r.setting(TaskConfig.NAME.key()))
        .distinct().map(name -> Tasks.of(name == null ? TaskConfig.DEFAULT_NAME : name))
        .toList();
    boolean moduli = tasks.isEmpty() || tasks.stream().anyMatch(TaskSpec::readsModuli);
    List<Setting> named = tasks.stream().flatMap(t -> t.options().stream()).toList();
    return Settings.ALL.stream()
        .filter(s -> !s.key().equals(xKey) && !s.key().equals(yKey))
        .filter(s -> s.key().equals(Settings.MODULI) ? moduli
            : varied.contains(s) || named.contains(s))
        .toList();
  }

  /** One grid per modulus on the default axes (weight decay × training fraction). */
  public static SortedMap<Integer, PhaseGrid> byModulus(List<RunRecord> runs) {
    SortedMap<Integer, PhaseGrid> grids = new TreeMap<>();
    for (PhaseGrid grid : panels(runs, Settings.WEIGHT_DECAYS, Settings.TRAIN_FRACTIONS)) {
      if (grids.put(grid.modulus(), grid) != null) {
        throw new IllegalArgumentException("Runs of modulus " + grid.modulus()
            + " differ in more than weight decay and training fraction: " + grid.panel().title());
      }
    }
    return grids;
  }

  /** The grid of one modulus on the default axes; every run must have that modulus. */
  public static PhaseGrid grid(int modulus, List<RunRecord> runs) {
    for (RunRecord run : runs) {
      if (run.modulus() != modulus) {
        throw new IllegalArgumentException(
            "Run " + run.runId() + " has modulus " + run.modulus() + ", expected " + modulus);
      }
    }
    Setting moduli = Settings.byKey(Settings.MODULI).orElseThrow();
    return grid(new Panel(List.of(new Panel.Part(moduli, Integer.toString(modulus)))),
        Settings.WEIGHT_DECAYS, Settings.TRAIN_FRACTIONS, runs);
  }

  /** The grid of one panel's runs over {@code xKey} × {@code yKey}. */
  public static PhaseGrid grid(Panel panel, String xKey, String yKey, List<RunRecord> runs) {
    Axis x = Axis.of(xKey, runs.stream().map(r -> Axis.valueOf(r, xKey)).toList());
    Axis y = Axis.of(yKey, runs.stream().map(r -> Axis.valueOf(r, yKey)).toList());
    PhaseGrid empty = new PhaseGrid(panel, x, y, Map.of(), Map.of());
    Map<PhaseGrid.Key, List<RunRecord>> byCell = new HashMap<>();
    for (RunRecord run : runs) {
      byCell.computeIfAbsent(empty.keyOf(run), k -> new ArrayList<>()).add(run);
    }
    Map<PhaseGrid.Key, PhaseCell> cells = new HashMap<>();
    byCell.forEach((key, group) -> cells.put(key, cell(group)));
    Map<PhaseGrid.Key, List<RunRecord>> members = new HashMap<>();
    byCell.forEach((key, group) -> members.put(key, List.copyOf(group)));
    return new PhaseGrid(panel, x, y, cells, members);
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
    return new PhaseCell(majority, majorityVotes, runs.size(), failed, delay);
  }
}
