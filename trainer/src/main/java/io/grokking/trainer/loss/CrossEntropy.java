package io.grokking.trainer.loss;

/**
 * Softmax cross-entropy, −log softmax(L)_y = logsumexp(L) − L_y, through the log-sum-exp so it
 * stays finite where a softmax would saturate (Prieto et al. 2025, Sec. 3); its gradient is
 * softmax(L) − e_y.
 */
public final class CrossEntropy implements Loss {
  @Override
  public double row(double[] logits, int label, double[] grad) {
    double max = logits[0];
    for (int j = 1; j < logits.length; j++) {
      max = Math.max(max, logits[j]);
    }
    double sum = 0;
    for (int j = 0; j < logits.length; j++) {
      grad[j] = Math.exp(logits[j] - max);
      sum += grad[j];
    }
    for (int j = 0; j < logits.length; j++) {
      grad[j] = grad[j] / sum - (j == label ? 1 : 0);
    }
    return Math.log(sum) - (logits[label] - max);
  }
}
