package io.grokking.trainer.data;

import java.util.Arrays;

/**
 * All p² ordered pairs (a, b) labelled (a + b) mod p, shuffled by {@code torch.randperm(p², g)}
 * with g seeded by the run's seed ({@link TorchGenerator}) and cut at {@code round(fraction · p²)}
 * training pairs, rounding half to even as Python does. So the split is a function of
 * (p, fraction, seed) alone, the two sides are disjoint by construction, and it is the very split
 * a PyTorch script such as the project's peer makes with the same seed.
 */
public final class ModularAddition {
  private final int modulus;
  private final int[] trainPairs;
  private final int[] testPairs;

  private ModularAddition(int modulus, int[] trainPairs, int[] testPairs) {
    this.modulus = modulus;
    this.trainPairs = trainPairs;
    this.testPairs = testPairs;
  }

  public static ModularAddition split(int modulus, double trainFraction, long seed) {
    int total = modulus * modulus;
    int[] order = new TorchGenerator(seed).randperm(total);
    // Half to even, as Python's round(): the PyTorch peer cuts p = 97, 0.5 at 4704, not 4705.
    int nTrain = (int) Math.rint(trainFraction * total);
    nTrain = Math.max(1, Math.min(total - 1, nTrain));
    return new ModularAddition(modulus, Arrays.copyOfRange(order, 0, nTrain),
        Arrays.copyOfRange(order, nTrain, total));
  }

  public int modulus() {
    return modulus;
  }

  public Side train() {
    return new Side(modulus, trainPairs);
  }

  public Side test() {
    return new Side(modulus, testPairs);
  }

  /** One side of the split; pair index i stands for (a, b) = (i / p, i mod p). */
  public record Side(int modulus, int[] pairs) {
    public int size() {
      return pairs.length;
    }

    public int a(int row) {
      return pairs[row] / modulus;
    }

    public int b(int row) {
      return pairs[row] % modulus;
    }

    public int label(int row) {
      return (a(row) + b(row)) % modulus;
    }
  }
}
