package io.grokking.analysis.report;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.render.PhaseGrid;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TaskSpec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;


/**
 * How the report names the task of a set of runs: each registered task ({@link TaskSpec}) names
 * its own runs, and the names of several tasks are joined.
 */
final class Tasks {
  private Tasks() {}

  /** The heading for {@code runs}, e.g. {@code modular addition, subtraction}. */
  static String title(Collection<RunRecord> runs) {
    Map<TaskSpec, List<RunRecord>> byTask = byTask(runs);
    if (byTask.isEmpty()) {
      return io.grokking.trainer.config.Tasks.of(TaskConfig.DEFAULT_NAME).title(List.of());
    }
    return byTask.entrySet().stream().map(e -> e.getKey().title(tasks(e.getValue())))
        .collect(Collectors.joining("; "));
  }

  /** {@code a+b mod 7}, {@code each operation mod 7}, {@code x·y in A5} for one grid's runs. */
  static String of(PhaseGrid grid) {
    List<RunRecord> runs = grid.members().values().stream().flatMap(List::stream).toList();
    return byTask(runs).entrySet().stream().map(e -> e.getKey().formula(tasks(e.getValue()),
        e.getValue().stream().map(RunRecord::modulus).toList()))
        .collect(Collectors.joining("; "));
  }

  private static Map<TaskSpec, List<RunRecord>> byTask(Collection<RunRecord> runs) {
    Map<TaskSpec, List<RunRecord>> byTask = new LinkedHashMap<>();
    for (TaskSpec spec : io.grokking.trainer.config.Tasks.all()) {
      List<RunRecord> mine = runs.stream().filter(r -> io.grokking.trainer.config.Tasks.nameOf(
          Objects.requireNonNullElse(r.setting(TaskConfig.NAME.key()), TaskConfig.DEFAULT_NAME))
          .equals(spec.name())).toList();
      if (!mine.isEmpty()) {
        byTask.put(spec, mine);
      }
    }
    return byTask;
  }

  private static List<TaskConfig> tasks(List<RunRecord> runs) {
    return runs.stream().map(r -> TaskConfig.of(r.settings())).toList();
  }
}
