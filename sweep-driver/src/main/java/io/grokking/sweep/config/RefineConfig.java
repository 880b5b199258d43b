package io.grokking.sweep.config;

import io.grokking.trainer.config.ConfigException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Whether and how the grid refines itself where phases meet ({@code sweep.refine}): after the
 * configured grid — the coarse level — is trained, each of {@code rounds} rounds subdivides the
 * cells of the diagram (analysis.x × analysis.y, in every panel) whose corners disagree, and
 * trains the new points with every seed.
 *
 * @param rounds  refinement rounds R, 0 for a plain grid (sweep.refine.rounds)
 * @param maxRuns the most runs refinement may add over all its rounds (sweep.refine.max-runs)
 * @param trigger what counts as disagreement between a cell's corners (sweep.refine.trigger)
 */
public record RefineConfig(int rounds, int maxRuns, Trigger trigger) {
  public static final int DEFAULT_ROUNDS = 0;
  /** Each round doubles the resolution; six already make 64 intervals of every coarse one. */
  public static final int MAX_ROUNDS = 6;
  public static final int DEFAULT_MAX_RUNS = SweepConfig.DEFAULT_MAX_RUNS;
  public static final Trigger DEFAULT_TRIGGER = Trigger.BOTH;

  /** What makes two corners of a cell disagree. */
  public enum Trigger {
    /** Their majority phases differ. */
    PHASES("phases"),
    /** The seeds of either corner do not all share one phase. */
    SEEDS("seeds"),
    /** Either of the two. */
    BOTH("both");

    private final String key;

    Trigger(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    public boolean onPhases() {
      return this != SEEDS;
    }

    public boolean onSeeds() {
      return this != PHASES;
    }

    static Trigger parse(String text) {
      String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
      for (Trigger trigger : values()) {
        if (trigger.key.equals(t)) {
          return trigger;
        }
      }
      throw new ConfigException(Keys.REFINE_TRIGGER, "must be one of " + Arrays.stream(values())
          .map(Trigger::key).collect(Collectors.joining(", ")) + ", found " + text);
    }
  }

  public RefineConfig {
    ConfigException.check(rounds >= 0 && rounds <= MAX_ROUNDS, Keys.REFINE_ROUNDS,
        "an integer in 0.." + MAX_ROUNDS, rounds);
    ConfigException.check(maxRuns > 0, Keys.REFINE_MAX_RUNS, "an integer > 0", maxRuns);
    ConfigException.check(trigger != null, Keys.REFINE_TRIGGER, "one of phases, seeds, both",
        "nothing");
  }

  /** The trigger spelled {@code text}: phases, seeds or both. */
  public static Trigger trigger(String text) {
    return Trigger.parse(text);
  }

  /** A plain grid: no refinement. */
  public static RefineConfig none() {
    return new RefineConfig(DEFAULT_ROUNDS, DEFAULT_MAX_RUNS, DEFAULT_TRIGGER);
  }

  public boolean enabled() {
    return rounds > 0;
  }
}
