package io.grokking.sweep.spark;

import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.train.Faults;
import io.grokking.trainer.train.InjectedFault;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@value #KEY} setting, for tests: makes the first attempts of chosen runs die at a chosen
 * point, as an executor crash would, so that retries and resumes can be shown to neither lose nor
 * duplicate a run. The value is a comma-separated list of rules {@code POINT:N[@RUN]}: the first
 * N attempts of every run (or of the runs whose id starts with RUN) throw an
 * {@link InjectedFault} at POINT, one of {@code start}, {@code mid-train} (after the row of step
 * steps/2, past any earlier checkpoint) and {@code commit} (data files published, result not yet).
 * sweep-driver/FAULTS.md documents it.
 *
 * @param rules the parsed rules, empty when the setting is absent
 */
public record FaultInjection(List<Rule> rules) implements Serializable {
  /** The Spark setting that carries the rules, e.g. {@code --spark-conf KEY=mid-train:1}. */
  public static final String KEY = "spark.grok.fault-injection";
  public static final FaultInjection NONE = new FaultInjection(List.of());
  private static final Pattern RULE =
      Pattern.compile("(start|mid-train|commit):(\\d{1,4})(?:@([0-9a-f]{1,16}))?");

  /** Attempts 0 .. attempts − 1 of the runs whose id starts with {@code runPrefix} die at point. */
  public record Rule(Faults.Point point, int attempts, String runPrefix) implements Serializable {}

  public FaultInjection {
    rules = List.copyOf(rules);
  }

  /** Parses the setting's value; a malformed one is a {@link ConfigException} naming the key. */
  public static FaultInjection parse(String value) {
    if (value == null || value.isBlank()) {
      return NONE;
    }
    List<Rule> rules = new ArrayList<>();
    for (String part : value.split(",")) {
      Matcher m = RULE.matcher(part.trim());
      if (!m.matches() || Integer.parseInt(m.group(2)) < 1) {
        throw new ConfigException(KEY, "must be a comma-separated list of POINT:N[@RUN] with"
            + " POINT one of start, mid-train, commit, N an attempt count >= 1 and RUN a run id"
            + " prefix, found " + part.trim());
      }
      rules.add(new Rule(Faults.Point.valueOf(m.group(1).replace('-', '_')
          .toUpperCase(Locale.ROOT)), Integer.parseInt(m.group(2)),
          m.group(3) == null ? "" : m.group(3)));
    }
    return new FaultInjection(rules);
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** The faults of one attempt (0-based {@code attemptNumber}) of {@code spec}. */
  public Faults forAttempt(RunSpec spec, int attemptNumber) {
    if (rules.isEmpty()) {
      return Faults.NONE;
    }
    List<Rule> applying = rules.stream()
        .filter(r -> attemptNumber < r.attempts() && spec.runId().startsWith(r.runPrefix()))
        .toList();
    return point -> {
      if (applying.stream().anyMatch(r -> r.point() == point)) {
        throw new InjectedFault(KEY + ": attempt " + attemptNumber + " of run " + spec.runId()
            + " dies at " + point.name().toLowerCase(Locale.ROOT).replace('_', '-'));
      }
    };
  }
}
