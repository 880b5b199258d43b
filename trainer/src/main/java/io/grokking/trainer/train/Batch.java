package io.grokking.trainer.train;

import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.data.ModularAddition;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One side of the split as network inputs. x is the dense input e_a + e_b (sum) or [e_a ; e_b]
 * (concat) and y the one-hot label, as DL4J's {@code output()} and gradient check take them; the
 * trainer itself only reads the indices: row i of the input layer's product is
 * W_in[first_i] + W_in[second_i] (second_i = b for sum, p + b for concat), and labels_i its class.
 */
public record Batch(INDArray x, INDArray y, int[] labels, int[] first, int[] second) {

  public static Batch of(ModularAddition.Side side, Encoding encoding, DataType type) {
    int p = side.modulus();
    int n = side.size();
    int in = encoding == Encoding.SUM ? p : 2 * p;
    double[] x = new double[n * in];
    double[] y = new double[n * p];
    int[] labels = new int[n];
    int[] first = new int[n];
    int[] second = new int[n];
    for (int i = 0; i < n; i++) {
      first[i] = side.a(i);
      second[i] = encoding == Encoding.SUM ? side.b(i) : p + side.b(i);
      labels[i] = side.label(i);
      x[i * in + first[i]] += 1.0;  // a = b under sum encoding gives 2 e_a
      x[i * in + second[i]] += 1.0;
      y[i * p + labels[i]] = 1.0;
    }
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      return new Batch(Nd4j.create(x, new long[] {n, in}, DataType.DOUBLE).castTo(type),
          Nd4j.create(y, new long[] {n, p}, DataType.DOUBLE).castTo(type), labels, first, second);
    }
  }

  public int size() {
    return labels.length;
  }
}
