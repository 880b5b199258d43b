package io.grokking.trainer.metrics;

/**
 * One row of the metrics table. Step s describes the parameters after s updates (step 0 is the
 * initialisation). Test and mechanistic columns are null except on evaluation steps, and the test
 * columns on every step of a run without test pairs (training fraction 1);
 * phaseMisalignment, restrictedLoss and excludedLoss are null on every step of an operation
 * without the additive mechanism ({@link io.grokking.trainer.config.Operation#additiveMechanism});
 * giniEmbedding and giniUnembedding are the transformer's (Nanda et al. 2023) and null for the
 * MLP. batchLoss is the mean loss of the minibatch that the update after step s trains on, under
 * step s's parameters, and null for full-batch training, whose batch is the training split: its
 * loss is trainLoss. repRestrictedLoss and repExcludedLoss are a task's own ablation over its key
 * representations ({@link io.grokking.trainer.task.TaskMeasures}), null for other tasks.
 */
public record StepMetrics(int step, double trainLoss, double trainAcc, Double testLoss,
    Double testAcc, Double weightNorm, Double ipr, Integer nFrequencies, Double fourierSparsity,
    Double phaseMisalignment, Double restrictedLoss, Double excludedLoss, Double giniEmbedding,
    Double giniUnembedding, Double batchLoss, Double repRestrictedLoss,
    Double repExcludedLoss) {

  /** A row without a minibatch loss (full-batch training) or a task's own ablation. */
  public StepMetrics(int step, double trainLoss, double trainAcc, Double testLoss,
      Double testAcc, Double weightNorm, Double ipr, Integer nFrequencies,
      Double fourierSparsity, Double phaseMisalignment, Double restrictedLoss,
      Double excludedLoss, Double giniEmbedding, Double giniUnembedding) {
    this(step, trainLoss, trainAcc, testLoss, testAcc, weightNorm, ipr, nFrequencies,
        fourierSparsity, phaseMisalignment, restrictedLoss, excludedLoss, giniEmbedding,
        giniUnembedding, null, null, null);
  }

  public static StepMetrics train(int step, double trainLoss, double trainAcc) {
    return new StepMetrics(step, trainLoss, trainAcc, null, null, null, null, null, null, null,
        null, null, null, null);
  }

  /** This row with the loss of the minibatch the next update trains on (null: full batch). */
  public StepMetrics withBatchLoss(Double loss) {
    return new StepMetrics(step, trainLoss, trainAcc, testLoss, testAcc, weightNorm, ipr,
        nFrequencies, fourierSparsity, phaseMisalignment, restrictedLoss, excludedLoss,
        giniEmbedding, giniUnembedding, loss, repRestrictedLoss, repExcludedLoss);
  }

  /** This evaluation row with the mechanistic columns replaced. */
  public StepMetrics withMechanisms(Double ipr, Integer nFrequencies, Double fourierSparsity,
      Double phaseMisalignment, Double restrictedLoss, Double excludedLoss, Double giniEmbedding,
      Double giniUnembedding) {
    return new StepMetrics(step, trainLoss, trainAcc, testLoss, testAcc, weightNorm, ipr,
        nFrequencies, fourierSparsity, phaseMisalignment, restrictedLoss, excludedLoss,
        giniEmbedding, giniUnembedding, batchLoss, repRestrictedLoss, repExcludedLoss);
  }

  /** This evaluation row with a task's own restricted and excluded loss set. */
  public StepMetrics withRepresentationLosses(Double restricted, Double excluded) {
    return new StepMetrics(step, trainLoss, trainAcc, testLoss, testAcc, weightNorm, ipr,
        nFrequencies, fourierSparsity, phaseMisalignment, restrictedLoss, excludedLoss,
        giniEmbedding, giniUnembedding, batchLoss, restricted, excluded);
  }

  /** True on an evaluation step: the weight norm is taken there whether or not a test set exists. */
  public boolean evaluated() {
    return weightNorm != null;
  }
}
