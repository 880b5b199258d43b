package io.grokking.trainer.loss;

/**
 * Mean squared error between the logits and the one-hot target, the loss of Gromov 2023
 * ("Grokking modular arithmetic", Sec. 2) and Doshi et al. 2023 ("To grok or not to grok",
 * Sec. 2): row loss (1/p)·Σ_j (L_j − y_j)², p the row's length, so that a pass's mean over its n
 * rows averages over n·p entries; gradient (2/p)(L_j − y_j).
 */
public final class MeanSquaredError implements Loss {
  @Override
  public double row(double[] logits, int label, double[] grad) {
    int p = logits.length;
    double sum = 0;
    for (int j = 0; j < p; j++) {
      double e = logits[j] - (j == label ? 1 : 0);
      sum += e * e;
      grad[j] = 2 * e / p;
    }
    return sum / p;
  }
}
