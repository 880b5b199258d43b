package io.grokking.trainer.loss;

/**
 * StableMax cross-entropy of Prieto et al. 2025 ("Grokking at the edge of numerical stability",
 * Sec. 5, eq. 6–7): softmax's exponential replaced by s(x) = x + 1 for x ≥ 0 and 1/(1 − x) for
 * x < 0, which grows linearly instead of exponentially, so the probabilities s(L_i)/Σ_j s(L_j) do
 * not round to exactly 1 once the training set is fitted (their "softmax collapse", Sec. 3) and
 * the gradient does not vanish. The row loss is −log(s(L_y)/Σ_j s(L_j)), computed in float64
 * whatever the training precision, as their implementation does.
 *
 * <p>The gradient, by hand: with S = Σ_j s(L_j), loss = log S − log s(L_y), so
 * d loss/d L_j = s'(L_j)/S − [j = y]·s'(L_y)/s(L_y), where s'(x) = 1 for x ≥ 0 and
 * 1/(1 − x)² = s(x)² for x < 0. Hence s'(x)/s(x) = 1/(1 + |x|) on both sides. s is not invariant
 * to shifting the logits, so unlike softmax nothing is subtracted first.
 */
public final class StableMax implements Loss {
  /** s(x). */
  static double s(double x) {
    return x >= 0 ? x + 1 : 1 / (1 - x);
  }

  /** s'(x). */
  static double ds(double x) {
    if (x >= 0) {
      return 1;
    }
    double sx = 1 / (1 - x);
    return sx * sx;
  }

  @Override
  public double row(double[] logits, int label, double[] grad) {
    double sum = 0;
    for (double x : logits) {
      sum += s(x);
    }
    double inv = 1 / sum;
    for (int j = 0; j < logits.length; j++) {
      grad[j] = ds(logits[j]) * inv;
    }
    double y = logits[label];
    grad[label] -= 1 / (1 + Math.abs(y));
    return Math.log(sum) - Math.log(s(y));
  }
}
