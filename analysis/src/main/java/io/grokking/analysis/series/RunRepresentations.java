package io.grokking.analysis.series;

import java.util.Arrays;
import java.util.List;

/**
 * One run's measures by irreducible representation over training (the trainer's {@code
 * representations} table; Chughtai, Chan &amp; Nanda 2023, Sec. 4–5): at each evaluation step,
 * the share of the unembedding's squared norm in each irrep's span, and which irreps are key.
 */
public final class RunRepresentations {
  private final String runId;
  private final int[] steps;
  private final List<String> irreps;
  private final double[][] shareUnembed;
  private final boolean[][] key;

  /**
   * @param steps increasing evaluation steps
   * @param irreps the irreps' names, in the table's order (trivial first)
   * @param shareUnembed {@code shareUnembed[i][r]}: irrep r's share at {@code steps[i]}, NaN
   *     where not recorded
   * @param key {@code key[i][r]}: whether irrep r is key at {@code steps[i]}
   */
  public RunRepresentations(String runId, int[] steps, List<String> irreps,
      double[][] shareUnembed, boolean[][] key) {
    if (steps.length != shareUnembed.length || steps.length != key.length) {
      throw new IllegalArgumentException("steps, shares and keys must have one row per step,"
          + " found " + steps.length + ", " + shareUnembed.length + " and " + key.length);
    }
    this.runId = runId;
    this.steps = steps.clone();
    this.irreps = List.copyOf(irreps);
    this.shareUnembed = Arrays.stream(shareUnembed).map(double[]::clone)
        .toArray(double[][]::new);
    this.key = Arrays.stream(key).map(boolean[]::clone).toArray(boolean[][]::new);
  }

  public String runId() {
    return runId;
  }

  public int[] steps() {
    return steps.clone();
  }

  public List<String> irreps() {
    return irreps;
  }

  /** Irrep r's share of the unembedding at {@code steps()[i]}; NaN when not recorded. */
  public double shareUnembed(int i, int r) {
    return shareUnembed[i][r];
  }

  /** Whether irrep r is key at the last evaluation step. */
  public boolean keyAtEnd(int r) {
    return steps.length > 0 && key[steps.length - 1][r];
  }

  /** The irreps key at the last evaluation step, {@code ;}-separated as in the results table. */
  public String finalKeys() {
    List<String> keys = new java.util.ArrayList<>();
    for (int r = 0; r < irreps.size(); r++) {
      if (keyAtEnd(r)) {
        keys.add(irreps.get(r));
      }
    }
    return keys.isEmpty() ? "none" : String.join(";", keys);
  }

  public boolean isEmpty() {
    return steps.length == 0;
  }
}
