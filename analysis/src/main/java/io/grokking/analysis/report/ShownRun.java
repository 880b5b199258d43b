package io.grokking.analysis.report;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.phase.Phase;
import io.grokking.trainer.config.ConfigException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A run whose mechanistic figure the report shows, and why: it represents its phase, or the user
 * named it.
 *
 * @param why {@code "representative of grokking"}, {@code "named"} or both
 */
public record ShownRun(RunRecord run, String why) {
  static final String NAMED = "named";

  /**
   * One representative run per phase that occurs (comprehension, grokking, memorization,
   * confusion, in that order), then the named runs not already shown. The representative is the
   * lower median of the phase's runs ordered by delay (comprehension, grokking), by the lower
   * bound of a censored delay (memorization) or by final test accuracy (confusion), ties broken by
   * run id, so it is a typical run of its phase, not an extreme one, and the same on every rerun.
   *
   * @throws ConfigException if a named run is not among {@code runs}
   */
  public static List<ShownRun> select(List<RunRecord> runs, List<String> named, String option) {
    Map<String, RunRecord> byId = runs.stream()
        .collect(Collectors.toMap(RunRecord::runId, r -> r, (a, b) -> a, LinkedHashMap::new));
    for (String id : named) {
      if (!byId.containsKey(id)) {
        throw new ConfigException(option, "must name committed runs of the sweep, found '" + id
            + "', not among its " + runs.size() + " runs (see report/runs.csv)");
      }
    }
    Map<String, String> why = new LinkedHashMap<>();
    for (Phase phase : Phase.values()) {
      if (phase == Phase.FAILED) {
        continue;
      }
      List<RunRecord> ofPhase = new ArrayList<>(runs.stream()
          .filter(r -> r.phase() == phase).toList());
      if (ofPhase.isEmpty()) {
        continue;
      }
      ofPhase.sort(Comparator.comparingDouble(ShownRun::typicality)
          .thenComparing(RunRecord::runId));
      why.put(ofPhase.get((ofPhase.size() - 1) / 2).runId(),
          "representative of " + phase.key());
    }
    for (String id : named) {
      why.merge(id, NAMED, (a, b) -> a + ", " + b);
    }
    List<ShownRun> shown = new ArrayList<>();
    why.forEach((id, reason) -> shown.add(new ShownRun(byId.get(id), reason)));
    return shown;
  }

  private static double typicality(RunRecord run) {
    if (run.delay() != null) {
      return run.delay();
    }
    if (run.delayLowerBound() != null) {
      return run.delayLowerBound();
    }
    return run.finalTestAcc() == null ? 0 : run.finalTestAcc();
  }
}
