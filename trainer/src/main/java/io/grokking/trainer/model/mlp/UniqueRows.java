package io.grokking.trainer.model.mlp;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The distinct rows of a batch. Row i's pre-activation is W_in[first_i] + W_in[second_i], which
 * does not depend on the order of the two indices; under the sum encoding the pairs (a, b) and
 * (b, a) therefore have the same hidden layer, the same logits and the same label (a + b mod p),
 * and the full-batch loss counts that one row twice. Computing each distinct row once, with its
 * multiplicity as a weight on its loss and gradient, is the same sum in another order: a quarter
 * of the rows of R1 (training fraction 0.5) and three eighths of R2's (0.75) are such repeats.
 * Under the concat encoding every row is distinct and this is the identity.
 *
 * @param rowOf the distinct row of each batch row, in order of first appearance
 */
public record UniqueRows(int[] first, int[] second, int[] labels, int[] weights, int[] rowOf) {

  public static UniqueRows of(Batch batch) {
    int n = batch.size();
    int[] first = new int[n];
    int[] second = new int[n];
    int[] labels = new int[n];
    int[] weights = new int[n];
    int[] rowOf = new int[n];
    Map<Key, Integer> seen = new HashMap<>();
    int size = 0;
    for (int i = 0; i < n; i++) {
      int lo = Math.min(batch.first()[i], batch.second()[i]);
      int hi = Math.max(batch.first()[i], batch.second()[i]);
      Integer u = seen.putIfAbsent(new Key(lo, hi, batch.labels()[i]), size);
      if (u == null) {
        first[size] = batch.first()[i];
        second[size] = batch.second()[i];
        labels[size] = batch.labels()[i];
        u = size++;
      }
      weights[u]++;
      rowOf[i] = u;
    }
    return new UniqueRows(Arrays.copyOf(first, size), Arrays.copyOf(second, size),
        Arrays.copyOf(labels, size), Arrays.copyOf(weights, size), rowOf);
  }

  /**
   * Every row of {@code batch} as its own distinct row, sharing the batch's arrays: what a
   * minibatch's passes run on, so that {@link Batch#fill} reaches them. A random minibatch holds
   * few rows that repeat another, and its row count must not change from batch to batch.
   */
  static UniqueRows each(Batch batch) {
    int n = batch.size();
    int[] weights = new int[n];
    int[] rowOf = new int[n];
    Arrays.fill(weights, 1);
    Arrays.setAll(rowOf, i -> i);
    return new UniqueRows(batch.first(), batch.second(), batch.labels(), weights, rowOf);
  }

  public int size() {
    return first.length;
  }

  /** True when no row repeats, so row i of the batch is distinct row i. */
  boolean identity() {
    return size() == rowOf.length;
  }

  private record Key(int lo, int hi, int label) {}
}
