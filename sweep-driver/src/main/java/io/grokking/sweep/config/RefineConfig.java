package io.grokking.sweep.config;

import io.grokking.trainer.config.Setting;
import java.util.List;
import java.util.Locale;

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
  public static final Setting ROUNDS = Setting.key("sweep.refine.rounds").integer(DEFAULT_ROUNDS)
      .allowed("an integer in 0.." + MAX_ROUNDS)
      .doc("rounds of refinement where phases meet, on the diagram's axes (0: the plain grid)")
      .sweep().build();
  public static final Setting MAX_RUNS = Setting.key("sweep.refine.max-runs")
      .integer(DEFAULT_MAX_RUNS).allowed("an integer > 0")
      .doc("the most runs all refinement rounds together may add").sweep().build();
  public static final Setting TRIGGER = Setting.key("sweep.refine.trigger").word("both")
      .allowed("one of phases, seeds, both")
      .doc("what makes two corners disagree: majority phases, a corner's seeds, or either")
      .sweep().build();
  /** The settings of refinement, as the keys table lists them. */
  public static final List<Setting> SETTINGS = List.of(ROUNDS, MAX_RUNS, TRIGGER);

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
      throw TRIGGER.rejected(text);
    }
  }

  public RefineConfig {
    ROUNDS.check(rounds >= 0 && rounds <= MAX_ROUNDS, rounds);
    MAX_RUNS.check(maxRuns > 0, maxRuns);
    TRIGGER.check(trigger != null, "nothing");
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
