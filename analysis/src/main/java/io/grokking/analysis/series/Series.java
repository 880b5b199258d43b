package io.grokking.analysis.series;

import java.util.Arrays;

/**
 * Values of one quantity at increasing steps.
 *
 * @param steps  strictly increasing optimizer steps
 * @param values the value at each step, same length
 */
public record Series(int[] steps, double[] values) {
  public static final Series EMPTY = new Series(new int[0], new double[0]);

  public Series {
    if (steps.length != values.length) {
      throw new IllegalArgumentException(
          "steps and values must have the same length, found " + steps.length + " and "
              + values.length);
    }
    steps = steps.clone();
    values = values.clone();
  }

  public int size() {
    return steps.length;
  }

  public boolean isEmpty() {
    return steps.length == 0;
  }

  public int step(int i) {
    return steps[i];
  }

  public double value(int i) {
    return values[i];
  }

  /** The largest step, or 0 when empty. */
  public int lastStep() {
    return steps.length == 0 ? 0 : steps[steps.length - 1];
  }

  /** The largest value, or NaN when empty. */
  public double max() {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }

  @Override
  public int[] steps() {
    return steps.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Series s && Arrays.equals(steps, s.steps) && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(steps) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Series" + Arrays.toString(steps) + "=" + Arrays.toString(values);
  }
}
