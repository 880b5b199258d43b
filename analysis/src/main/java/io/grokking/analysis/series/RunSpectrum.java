package io.grokking.analysis.series;

import java.util.Arrays;

/**
 * The Fourier spectrum of one run's input weights W_in over training: at each evaluation step, the
 * share of that step's energy (summed over neurons, trainer's {@code energy_in}) held by each
 * frequency k = 0..K, K = (p − 1)/2. Normalising per step shows which frequencies dominate
 * whatever the weight norm does.
 */
public final class RunSpectrum {
  private final String runId;
  private final int[] steps;
  private final double[][] share;

  /**
   * @param steps  increasing evaluation steps
   * @param energy {@code energy[i][k]}: energy in frequency k at {@code steps[i]}, k = 0..K
   */
  public RunSpectrum(String runId, int[] steps, double[][] energy) {
    if (steps.length != energy.length) {
      throw new IllegalArgumentException("steps and energy rows must match, found "
          + steps.length + " and " + energy.length);
    }
    this.runId = runId;
    this.steps = steps.clone();
    this.share = new double[energy.length][];
    for (int i = 0; i < energy.length; i++) {
      double total = Arrays.stream(energy[i]).sum();
      double[] row = energy[i].clone();
      for (int k = 0; k < row.length; k++) {
        row[k] = total > 0 ? row[k] / total : 0;
      }
      share[i] = row;
    }
  }

  public String runId() {
    return runId;
  }

  public int[] steps() {
    return steps.clone();
  }

  /** Highest frequency K, or −1 when nothing was recorded. */
  public int maxFrequency() {
    return Arrays.stream(share).mapToInt(r -> r.length - 1).max().orElse(-1);
  }

  /** Share of the energy at {@code steps()[i]} in frequency k, 0 where k was not recorded. */
  public double share(int i, int k) {
    return k < share[i].length ? share[i][k] : 0;
  }

  public boolean isEmpty() {
    return steps.length == 0;
  }
}
