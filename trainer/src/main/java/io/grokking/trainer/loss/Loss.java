package io.grokking.trainer.loss;

/**
 * A training loss over one row of logits. A pass's loss is the mean of its rows' losses, and the
 * gradient of that mean is each row's gradient divided by the number of rows, so a loss only has
 * to say what one row costs and how that cost moves with each logit. Accuracy does not depend on
 * the loss: it is always the arg-max logit's.
 */
public interface Loss {
  /**
   * @param logits the row's logits, one per class; only read
   * @param label the row's class
   * @param grad receives d(row loss)/d(logits[j]) for every class j; as long as {@code logits}
   * @return the row's loss
   */
  double row(double[] logits, int label, double[] grad);
}
