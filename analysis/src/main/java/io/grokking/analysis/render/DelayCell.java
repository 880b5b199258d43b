package io.grokking.analysis.render;

import io.grokking.analysis.milestones.RunRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The grokking delay of one grid cell over its seeds, for the delay map. Seeds with both
 * milestones give their delay t_test − t_train; censored seeds (train reached, test not within the
 * budget) give only a lower bound and sort after every observed delay, since theirs is unknown
 * and at least that long; seeds that never fitted the training set, or failed, have no delay.
 * The cell shows the lower median of what remains.
 *
 * @param steps    the median delay, or for a censored median the bound it exceeds; null when no
 *                 seed has a delay or a bound
 * @param censored true when the median seed is censored, so the delay is more than {@code steps}
 * @param counted  how many seeds have a delay or a bound
 */
public record DelayCell(Integer steps, boolean censored, int counted) {
  private record Value(int steps, boolean censored) {}

  /** The delay of the cell holding {@code runs}. */
  public static DelayCell of(List<RunRecord> runs) {
    List<Value> values = new ArrayList<>();
    for (RunRecord run : runs) {
      if (run.delay() != null) {
        values.add(new Value(run.delay(), false));
      } else if (run.delayLowerBound() != null) {
        values.add(new Value(run.delayLowerBound(), true));
      }
    }
    if (values.isEmpty()) {
      return new DelayCell(null, false, 0);
    }
    values.sort(Comparator.comparing(Value::censored).thenComparingInt(Value::steps));
    Value median = values.get((values.size() - 1) / 2);
    return new DelayCell(median.steps(), median.censored(), values.size());
  }

  /** {@code "1438"}, {@code "> 2912"} when censored, {@code "—"} without a value. */
  public String label() {
    if (steps == null) {
      return Labels.NOT_APPLICABLE;
    }
    return censored ? "> " + steps : Integer.toString(steps);
  }
}
