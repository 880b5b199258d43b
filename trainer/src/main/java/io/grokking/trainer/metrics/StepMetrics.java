package io.grokking.trainer.metrics;

/**
 * One row of the metrics table. Step s describes the parameters after s updates (step 0 is the
 * initialisation). Test and mechanistic columns are null except on evaluation steps;
 * phaseMisalignment, restrictedLoss and excludedLoss are null on every step of an operation
 * without the additive mechanism ({@link io.grokking.trainer.config.Operation#additiveMechanism}).
 */
public record StepMetrics(int step, double trainLoss, double trainAcc, Double testLoss,
    Double testAcc, Double weightNorm, Double ipr, Integer nFrequencies, Double fourierSparsity,
    Double phaseMisalignment, Double restrictedLoss, Double excludedLoss) {

  public static StepMetrics train(int step, double trainLoss, double trainAcc) {
    return new StepMetrics(step, trainLoss, trainAcc, null, null, null, null, null, null, null,
        null, null);
  }

  public boolean evaluated() {
    return testAcc != null;
  }
}
