package io.grokking.analysis.series;

/**
 * How many hidden neurons of one run have each dominant frequency k (trainer's {@code frequency},
 * 1..(p − 1)/2) at initialisation and at the end, from the {@code neurons} table.
 *
 * @param initial {@code initial[k]}: neurons with dominant frequency k at snapshot init
 * @param last    {@code last[k]}: the same at snapshot final
 */
public record NeuronFrequencies(String runId, int[] initial, int[] last) {
  public NeuronFrequencies {
    initial = initial.clone();
    last = last.clone();
  }

  @Override
  public int[] initial() {
    return initial.clone();
  }

  @Override
  public int[] last() {
    return last.clone();
  }

  /** Highest frequency with a count slot. */
  public int maxFrequency() {
    return Math.max(initial.length, last.length) - 1;
  }
}
