package io.grokking.analysis;

import io.grokking.analysis.phase.PhaseRule;
import io.grokking.trainer.config.ConfigException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * What one analysis is asked to do, as the CLI parsed it.
 *
 * @param rule the phase rule ({@code --phase-threshold}, {@code --phase-gap})
 * @param runs run ids whose mechanistic figures the report shows besides one representative run
 *             per phase ({@code --runs ID,...}); each must be a committed run of the sweep, which
 *             {@link Analysis#run} checks before it writes anything
 */
public record AnalysisOptions(PhaseRule rule, List<String> runs) {
  public static final String RUNS_KEY = "--runs";
  /** Run ids are hex hashes; this also keeps them safe in file names and HTML. */
  static final String RUN_ID_PATTERN = "[A-Za-z0-9_-]+";

  public AnalysisOptions {
    Objects.requireNonNull(rule, "rule");
    runs = List.copyOf(new LinkedHashSet<>(runs)); // named twice, shown once
    for (String id : runs) {
      ConfigException.check(id.matches(RUN_ID_PATTERN), RUNS_KEY,
          "a comma-separated list of run ids (letters, digits, - and _)", "'" + id + "'");
    }
  }

  /** The rule alone, showing only the representative runs. */
  public static AnalysisOptions of(PhaseRule rule) {
    return new AnalysisOptions(rule, List.of());
  }
}
