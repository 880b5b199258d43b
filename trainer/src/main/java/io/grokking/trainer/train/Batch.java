package io.grokking.trainer.train;

import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.data.ModularAddition;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One side of the split as dense network inputs: x is e_a + e_b (sum) or [e_a ; e_b] (concat),
 * y the one-hot label, labels the label indices.
 */
public record Batch(INDArray x, INDArray y, int[] labels) {

  public static Batch of(ModularAddition.Side side, Encoding encoding, DataType type) {
    int p = side.modulus();
    int n = side.size();
    int in = encoding == Encoding.SUM ? p : 2 * p;
    INDArray x = Nd4j.zeros(type, n, in);
    INDArray y = Nd4j.zeros(type, n, p);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int a = side.a(i);
      int b = encoding == Encoding.SUM ? side.b(i) : p + side.b(i);
      x.putScalar(i, a, x.getDouble(i, a) + 1.0);
      x.putScalar(i, b, x.getDouble(i, b) + 1.0);
      labels[i] = side.label(i);
      y.putScalar(i, labels[i], 1.0);
    }
    return new Batch(x, y, labels);
  }

  public int size() {
    return labels.length;
  }
}
