package io.grokking.trainer.task;

import io.grokking.trainer.config.Operation;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TaskSpec;
import java.util.function.IntBinaryOperator;
import io.grokking.trainer.numeric.TorchGenerator;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The data of one run: every pair (a, b) of the operation's universe labelled op(a, b) mod p,
 * split into training and test pairs by the run's seed, with the training labels corrupted as
 * the task's label noise asks.
 *
 * <p><b>Universe and split.</b> The universe is the p² ordered pairs, except for {@code div},
 * whose pairs leave out b = 0: p(p − 1) of them. Its N pairs, in ascending order of a·p + b, are
 * shuffled by {@code torch.randperm(N, g)} with g seeded by the run's seed ({@link TorchGenerator})
 * and cut at {@code round(fraction · N)} training pairs, rounding half to even as Python does and
 * kept in [1, N − 1] for any fraction below 1. A fraction of exactly 1 trains on all N pairs and
 * leaves the test side empty (He et al. 2026's lottery run trains on every pair). So the split is a function of (operation, p, fraction, seed) alone and the
 * two sides are disjoint by construction; for every operation with p² pairs it is the same split,
 * and it is the very split a PyTorch script such as the project's peer makes with the same seed.
 *
 * <p><b>Label noise</b> (Doshi et al. 2023, "To grok or not to grok: disentangling
 * generalization and memorization on corrupted algorithmic datasets"). With ξ &gt; 0, exactly
 * {@code round(ξ · n_train)} training rows (half to even), chosen uniformly without replacement,
 * take a label drawn uniformly from the p − 1 classes other than their true one; test labels stay
 * clean. The draw comes from a {@link SplittableRandom} seeded with the run's seed XOR
 * {@link #NOISE_SALT}, never from the torch generator, so it is fixed by the seed and changes
 * neither the split nor the initial weights. The network trains on these labels, and train loss
 * and accuracy are measured against them, as Doshi et al. do; {@link Side#cleanLabel} keeps the
 * true one.
 */
public final class ModularTask {
  /** Mixed into the run's seed for the label-noise generator (the 64-bit golden ratio). */
  static final long NOISE_SALT = 0x9E3779B97F4A7C15L;

  private final int modulus;
  private final TaskConfig task;
  private final int universe;
  private final Side train;
  private final Side test;

  private ModularTask(int modulus, TaskConfig task, int universe, Side train, Side test) {
    this.modulus = modulus;
    this.task = task;
    this.universe = universe;
    this.train = train;
    this.test = test;
  }

  /** The data of {@code spec}: its modulus, fraction, seed and task. */
  public static ModularTask of(RunSpec spec) {
    return split(spec.modulus(), spec.trainFraction(), spec.seed(), spec.task());
  }

  /** The default task, a + b mod p with clean labels. */
  public static ModularTask split(int modulus, double trainFraction, long seed) {
    return split(modulus, trainFraction, seed, TaskConfig.defaults());
  }

  /**
   * The split of {@code task} at size {@code modulus} (p, or a group's order): its universe and
   * labels come from the registered task ({@link TaskConfig#spec()}).
   */
  public static ModularTask split(int modulus, double trainFraction, long seed, TaskConfig task) {
    TaskSpec spec = task.spec();
    int[] pairs = spec.universe(task, modulus);
    IntBinaryOperator rule = spec.labels(task, modulus);
    int total = pairs.length;
    int[] order = new TorchGenerator(seed).randperm(total);
    // Half to even, as Python's round(): the PyTorch peer cuts p = 97, 0.5 at 4704, not 4705.
    int nTrain = (int) Math.rint(trainFraction * total);
    // Below 1 a test pair always remains, as before fraction 1 was allowed, so no split changed.
    nTrain = trainFraction >= 1 ? total : Math.max(1, Math.min(total - 1, nTrain));
    int[] trainPairs = new int[nTrain];
    int[] testPairs = new int[total - nTrain];
    for (int i = 0; i < total; i++) {
      int pair = pairs[order[i]];
      if (i < nTrain) {
        trainPairs[i] = pair;
      } else {
        testPairs[i - nTrain] = pair;
      }
    }
    Side train = Side.of(modulus, rule, trainPairs);
    Side test = Side.of(modulus, rule, testPairs);
    if (task.labelNoise() > 0) {
      train = train.withNoise(task.labelNoise(), seed);
    }
    return new ModularTask(modulus, task, total, train, test);
  }

  /** The pair indices a·p + b of the operation's universe, ascending. */
  static int[] universe(int modulus, Operation op) {
    return new ModularArithmetic().universe(new TaskConfig(op, 0), modulus);
  }

  public int modulus() {
    return modulus;
  }

  public Operation operation() {
    return task.operation();
  }

  /** The task these pairs are of. */
  public TaskConfig task() {
    return task;
  }

  /**
   * Whether the labels are a + b mod n, the case of He et al. 2026's mechanism and its Fourier
   * measures ({@link TaskSpec#additive}).
   */
  public boolean additive() {
    return task.spec().additive(task);
  }

  /** N, the number of pairs the two sides share out: p², or p(p − 1) for {@code div}. */
  public int universe() {
    return universe;
  }

  public Side train() {
    return train;
  }

  public Side test() {
    return test;
  }

  /**
   * One side of the split; pair index i stands for (a, b) = (i / p, i mod p), and row i's label
   * is {@code labels[i]}, the class the network is trained or tested on.
   */
  public record Side(int modulus, IntBinaryOperator rule, int[] pairs, int[] labels) {
    public Side {
      if (pairs.length != labels.length) {
        throw new IllegalArgumentException("a side needs one label per pair, found "
            + pairs.length + " pairs and " + labels.length + " labels");
      }
    }

    /** The pairs with their clean labels op(a, b) mod p. */
    public static Side of(int modulus, Operation operation, int[] pairs) {
      return of(modulus, (a, b) -> operation.apply(a, b, modulus), pairs);
    }

    /** The pairs with their clean labels {@code rule(a, b)}. */
    public static Side of(int modulus, IntBinaryOperator rule, int[] pairs) {
      int[] labels = new int[pairs.length];
      for (int i = 0; i < pairs.length; i++) {
        labels[i] = rule.applyAsInt(pairs[i] / modulus, pairs[i] % modulus);
      }
      return new Side(modulus, rule, pairs, labels);
    }

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
      return labels[row];
    }

    /** The task's label of the row's pair, whatever label noise did to {@link #label}. */
    public int cleanLabel(int row) {
      return rule.applyAsInt(a(row), b(row));
    }

    /** This side with round(ξ · size) labels moved to a wrong class, as the class javadoc says. */
    Side withNoise(double share, long seed) {
      int n = size();
      int corrupt = (int) Math.rint(share * n);
      SplittableRandom random = new SplittableRandom(seed ^ NOISE_SALT);
      int[] rows = new int[n];
      Arrays.setAll(rows, i -> i);
      int[] noisy = labels.clone();
      // A partial Fisher–Yates shuffle: rows[0 .. corrupt) is a uniform sample without replacement.
      for (int i = 0; i < corrupt; i++) {
        int j = i + random.nextInt(n - i);
        int row = rows[j];
        rows[j] = rows[i];
        rows[i] = row;
        noisy[row] = (labels[row] + 1 + random.nextInt(modulus - 1)) % modulus;
      }
      return new Side(modulus, rule, pairs, noisy);
    }
  }
}
