package io.grokking.trainer.loss;

import io.grokking.trainer.config.ConfigException;

/**
 * The hinge loss of a two-class task with one output score f: row loss max(0, 1 − y·f), with
 * y = +1 for class 1 and y = −1 for class 0, so a pass's loss is the mean of max(0, 1 − y·f)
 * (Merrill, Tsilivis &amp; Shukla 2023, "A Tale of Two Circuits", arXiv:2303.11873; the code's
 * {@code utils.MyHingeLoss}, parity-nn @41c7339). Gradient d/df = −y where 1 − y·f ≥ 0, else 0:
 * like the reference, which zeroes only the negative entries, a margin of exactly 1 still pulls
 * (torch's {@code relu} would not; the two differ on a set of measure zero). The prediction is
 * sign(f), and f = 0 is wrong for both classes, as the reference's {@code sign(f) == y} counts it.
 */
public final class Hinge implements Loss {
  public static final String LOSS_KEY = "train.loss";

  /** Rejects the hinge loss for a task of more than two classes. */
  public static void check(int classes) {
    ConfigException.check(classes <= 2, LOSS_KEY, "a multi-class loss (cross-entropy, stablemax, "
        + "mse) for a task of " + classes + " classes", "hinge");
  }

  /** The label in ±1 of a class in {0, 1}. */
  public static int sign(int label) {
    return label == 1 ? 1 : -1;
  }

  @Override
  public double row(double[] logits, int label, double[] grad) {
    if (logits.length != 1) {
      throw new IllegalArgumentException("the hinge loss takes one output score, found "
          + logits.length);
    }
    int y = sign(label);
    double margin = 1 - y * logits[0];
    if (margin < 0) {
      grad[0] = 0;
      return 0;
    }
    grad[0] = -y;
    return margin;
  }
}
