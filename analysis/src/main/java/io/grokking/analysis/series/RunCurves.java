package io.grokking.analysis.series;

/**
 * One run's recorded metrics, thinned for plotting (see {@link CurveJob}). Train values exist on
 * every recorded step; the others only on evaluation steps.
 *
 * @param restrictedLoss Nanda et al. 2023's restricted loss (key-frequency directions only)
 * @param excludedLoss   Nanda et al. 2023's excluded loss (key-frequency directions removed)
 * @param trainLoss      the training loss, beside which the two are read
 * @param testLoss       the test loss, empty for a run without test pairs
 */
public record RunCurves(String runId, Series trainAcc, Series testAcc, Series weightNorm,
    Series ipr, Series restrictedLoss, Series excludedLoss, Series trainLoss, Series testLoss) {

  /** A run that recorded nothing, such as a failed one. */
  public static RunCurves empty(String runId) {
    return new RunCurves(runId, Series.EMPTY, Series.EMPTY, Series.EMPTY, Series.EMPTY,
        Series.EMPTY, Series.EMPTY, Series.EMPTY, Series.EMPTY);
  }

  /** The largest step of any series, 0 when the run recorded nothing. */
  public int lastStep() {
    return Math.max(Math.max(trainAcc.lastStep(), testAcc.lastStep()), weightNorm.lastStep());
  }
}
