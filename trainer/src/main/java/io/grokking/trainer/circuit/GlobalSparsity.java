package io.grokking.trainer.circuit;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Global sparsity (Merrill, Tsilivis &amp; Shukla 2023, "A Tale of Two Circuits",
 * arXiv:2303.11873): the fewest hidden neurons, taken in order of decreasing weight norm ({@link
 * ScalarMlp#neuronNorms}), that alone give exactly the whole network's training accuracy.
 *
 * <p>This is parity-nn's {@code circuit_discovery_linear} (@41c7339, {@code utils.py}): k runs up
 * from 1, and the first k whose top-k network's accuracy equals the full network's is the answer.
 * Two differences, both at its edges: k may reach the width here (the reference stops one short
 * and returns ∞, though the whole network always reproduces itself), and ties in norm go to the
 * lower neuron index (numpy's {@code argsort} leaves their order unspecified). The reference also
 * has a binary search, which it uses from epoch 20 on assuming accuracy grows with k; this class
 * always makes the linear search, in O(rows · inputs · hidden) by adding one neuron's share to
 * every row's score at a time.
 */
public final class GlobalSparsity {
  private GlobalSparsity() {}

  /** The top-norm neurons of the smallest subnetwork, and the accuracy it reproduces. */
  public record Circuit(int[] neurons, double accuracy) {
    public int size() {
      return neurons.length;
    }
  }

  /** The hidden neurons by decreasing norm; equal norms by increasing index. */
  public static int[] byDecreasingNorm(double[] norms) {
    return IntStream.range(0, norms.length).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -norms[i]).thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray();
  }

  /** The global sparsity of {@code net} on the training rows {@code x} with labels {@code y}. */
  public static Circuit of(ScalarMlp net, float[] x, float[] y) {
    int[] order = byDecreasingNorm(net.neuronNorms());
    int fullRight = (int) Math.round(net.accuracy(x, y) * y.length);
    double[] score = new double[y.length];
    int right = 0;
    for (int k = 1; k <= order.length; k++) {
      int neuron = order[k - 1];
      for (int row = 0; row < y.length; row++) {
        double share = net.w2()[neuron] * net.activation(neuron, x, row);
        if (share != 0) {
          right -= ScalarMlp.isRight(score[row], y[row]) ? 1 : 0;
          score[row] += share;
          right += ScalarMlp.isRight(score[row], y[row]) ? 1 : 0;
        }
      }
      if (right == fullRight) {
        return new Circuit(Arrays.copyOf(order, k), (double) right / y.length);
      }
    }
    return new Circuit(order, (double) fullRight / y.length);
  }
}
