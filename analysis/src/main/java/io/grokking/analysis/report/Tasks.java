package io.grokking.analysis.report;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.render.Axis;
import io.grokking.analysis.render.PhaseGrid;
import io.grokking.trainer.config.Settings;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** How the report names the task of a set of runs: their operations and moduli. */
final class Tasks {
  private Tasks() {}

  private static final String OPERATION = "task.operation";

  private static final Map<String, String> NAMES = Map.of("add", "addition", "sub", "subtraction",
      "mul", "multiplication", "div", "division");

  private static final Map<String, String> FORMULAS = Map.of("add", "a+b", "sub", "a−b",
      "mul", "a·b", "div", "a/b", "x2+y2", "a²+b²", "x2+xy+y2", "a²+ab+b²", "x3+xy", "a³+ab");

  /** The operations of {@code runs} in declared order, e.g. {@code modular addition, sub… }. */
  static String title(Collection<RunRecord> runs) {
    List<String> operations = operations(runs);
    if (operations.isEmpty()) {
      return "modular arithmetic";
    }
    return "modular " + operations.stream().map(o -> NAMES.getOrDefault(o, o))
        .collect(Collectors.joining(", "));
  }

  /** {@code a+b mod 7}, {@code a−b mod p} or {@code each operation mod 7} for one grid's runs. */
  static String of(PhaseGrid grid) {
    List<RunRecord> runs = grid.members().values().stream().flatMap(List::stream).toList();
    List<String> operations = operations(runs);
    List<Integer> moduli = runs.stream().map(RunRecord::modulus).distinct().toList();
    String task = operations.size() == 1
        ? FORMULAS.getOrDefault(operations.get(0), operations.get(0)) : "each operation";
    return task + " mod " + (moduli.size() == 1 ? moduli.get(0) : "p");
  }

  private static List<String> operations(Collection<RunRecord> runs) {
    return Axis.of(OPERATION, runs.stream().map(r -> r.setting(OPERATION))
        .filter(Objects::nonNull).toList()).values();
  }

  static {
    // fails fast should the trainer rename the key
    Settings.byKey(OPERATION).orElseThrow();
  }
}
