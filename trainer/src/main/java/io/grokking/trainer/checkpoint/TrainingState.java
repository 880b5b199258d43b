package io.grokking.trainer.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the trainer needs to continue a run bit for bit where it stopped: the parameters and
 * AdamW's moments and update count after {@code nextStep} updates, the early-stop state, and the
 * time spent so far. Float32 values are held as doubles, which represent them exactly.
 *
 * <p>Optimizers other than AdamW and gradient filters keep further vectors in {@code extra}, by
 * name (SGD's momentum buffer, Grokfast's average or window); an optimizer without moments saves
 * zero moments.
 *
 * @param nextStep the first step the resumed run records; rows 0 .. nextStep − 1 are saved
 * @param updates AdamW updates applied (equals nextStep)
 * @param holdingSince first step of the current run of evaluations at or above the threshold of
 *     the run's early stop (the stop threshold, or the settle threshold when {@code
 *     train.stop-when = phase-settled}), or −1
 * @param testAcc test accuracy of the last evaluation, NaN before the first
 * @param extra further optimizer and filter state vectors by name, in a stable order; empty for
 *     AdamW without a filter
 */
public record TrainingState(String runId, int nextStep, long updates, double[] params,
    double[] firstMoment, double[] secondMoment, int holdingSince, double testAcc,
    double trainSeconds, double evalSeconds, Map<String, double[]> extra) {

  /** The state of an AdamW run without a gradient filter. */
  public TrainingState(String runId, int nextStep, long updates, double[] params,
      double[] firstMoment, double[] secondMoment, int holdingSince, double testAcc,
      double trainSeconds, double evalSeconds) {
    this(runId, nextStep, updates, params, firstMoment, secondMoment, holdingSince, testAcc,
        trainSeconds, evalSeconds, Map.of());
  }

  public TrainingState {
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    if (params.length != firstMoment.length || params.length != secondMoment.length) {
      throw new IllegalArgumentException("parameters and moments must have equal lengths, found "
          + params.length + ", " + firstMoment.length + " and " + secondMoment.length);
    }
    if (nextStep < 1) {
      throw new IllegalArgumentException("a checkpoint follows at least one step, found nextStep "
          + nextStep);
    }
  }
}
