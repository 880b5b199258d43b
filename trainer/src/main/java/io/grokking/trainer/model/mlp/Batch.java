package io.grokking.trainer.model.mlp;

import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.task.ModularTask;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One side of the split as network inputs, by index: row i of the input layer's product is
 * W_in[first_i] + W_in[second_i] (second_i = b for sum, p + b for concat), and labels_i its class,
 * read once from the side (so a noisy training label is the one trained on).
 * The trainer reads only these indices; {@link #x()} and {@link #y()} build the dense input
 * e_a + e_b (sum) or [e_a ; e_b] (concat) and the one-hot labels, as DL4J's {@code output()} and
 * gradient check take them, when asked.
 *
 * @param inputs columns of the dense input: p for sum, 2p for concat
 * @param classes p
 */
public record Batch(int inputs, int classes, DataType type, int[] labels, int[] first,
    int[] second) {

  public static Batch of(ModularTask.Side side, Encoding encoding, DataType type) {
    int p = side.modulus();
    int n = side.size();
    int[] labels = new int[n];
    int[] first = new int[n];
    int[] second = new int[n];
    for (int i = 0; i < n; i++) {
      first[i] = side.a(i);
      second[i] = encoding == Encoding.SUM ? side.b(i) : p + side.b(i);
      labels[i] = side.label(i);
    }
    return new Batch(encoding == Encoding.SUM ? p : 2 * p, p, type, labels, first, second);
  }

  public int size() {
    return labels.length;
  }

  /**
   * Overwrites this batch's rows in place with the pairs (a[i], b[i]) labelled labels[i], as
   * many as it holds: how a minibatch's passes take the next batch without allocating.
   */
  void fill(int[] a, int[] b, int[] newLabels) {
    if (a.length != size() || b.length != size() || newLabels.length != size()) {
      throw new IllegalArgumentException("a batch of " + size() + " rows takes as many pairs,"
          + " found " + a.length + ", " + b.length + " and " + newLabels.length);
    }
    boolean sum = inputs == classes;
    for (int i = 0; i < size(); i++) {
      first[i] = a[i];
      second[i] = sum ? b[i] : classes + b[i];
      labels[i] = newLabels[i];
    }
  }

  /** The dense inputs, one row per pair; a = b under the sum encoding gives 2 e_a. */
  public INDArray x() {
    double[] x = new double[size() * inputs];
    for (int i = 0; i < size(); i++) {
      x[i * inputs + first[i]] += 1.0;
      x[i * inputs + second[i]] += 1.0;
    }
    return dense(x, inputs);
  }

  /** The one-hot labels, one row per pair. */
  public INDArray y() {
    double[] y = new double[size() * classes];
    for (int i = 0; i < size(); i++) {
      y[i * classes + labels[i]] = 1.0;
    }
    return dense(y, classes);
  }

  private INDArray dense(double[] values, int columns) {
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      return Nd4j.create(values, new long[] {size(), columns}, DataType.DOUBLE).castTo(type);
    }
  }
}
