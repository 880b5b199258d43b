package io.grokking.analysis.series;

import java.util.Map;
import java.util.TreeMap;

/** Collects (step, value) pairs in any order; a step seen twice keeps its first value. */
final class SeriesBuilder {
  private final Map<Integer, Double> points = new TreeMap<>();

  /** Adds the point unless {@code value} is null or not finite. */
  void add(int step, Double value) {
    if (value != null && Double.isFinite(value)) {
      points.putIfAbsent(step, value);
    }
  }

  Series build() {
    int[] steps = new int[points.size()];
    double[] values = new double[points.size()];
    int i = 0;
    for (Map.Entry<Integer, Double> point : points.entrySet()) {
      steps[i] = point.getKey();
      values[i++] = point.getValue();
    }
    return new Series(steps, values);
  }
}
