package io.grokking.trainer.train.batch;

import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.numeric.TorchGenerator;
import java.util.Arrays;

/**
 * The row indices of each training minibatch, in the order of PyTorch's
 * <pre>
 * g = torch.Generator(); g.manual_seed(seed)
 * DataLoader(dataset, batch_size=b, shuffle=True, drop_last=False, generator=g)
 * </pre>
 * iterated to the end of every epoch: ⌈n/b⌉ batches per epoch, the last one holding the n mod b
 * rows left over (when b does not divide n), the rows reshuffled every epoch. The run's seed is
 * {@code seed}; the generator is a fresh one ({@link TorchGenerator}), apart from the one that
 * drew the split and the initial weights, so the batch size changes neither.
 *
 * <p><b>What torch draws</b> (torch 1.13, {@code torch/utils/data/dataloader.py} and
 * {@code sampler.py}; checked against its output in the test). Each epoch's iterator first draws
 * its workers' base seed, {@code torch.empty((), dtype=torch.int64).random_(generator=g)}: one
 * 64-bit value, two 32-bit outputs of g. The {@code RandomSampler} then yields
 * {@code torch.randperm(n, generator=g)} ({@link TorchGenerator#randperm}: n − 1 outputs), and,
 * because the {@code BatchSampler} asks it for one more index to learn that the epoch is over, it
 * evaluates its trailing {@code torch.randperm(n, generator=g)[:num_samples % n]}, which yields
 * nothing but costs n − 1 more outputs. So every epoch takes exactly 2n outputs of g, and the
 * state before epoch e is the seeded generator after 2n·e outputs: {@link #resume} replays them,
 * in time O(e·n).
 *
 * <p>A {@code DataLoader} given no generator instead draws each epoch's order from a fresh
 * generator seeded from the global one; {@link #epochOrderFromGlobal} reproduces that.
 */
public final class ShuffledBatches {
  public static final String BATCH_SIZE_KEY = TrainConfig.BATCH_SIZE.key();

  private final int rows;
  private final int batchSize;
  private final TorchGenerator generator;
  private int[] order;
  private long epoch;
  private int batch;

  private ShuffledBatches(long seed, int rows, int batchSize) {
    check(batchSize, rows);
    this.rows = rows;
    this.batchSize = batchSize;
    this.generator = new TorchGenerator(seed);
  }

  /**
   * Rejects a batch size outside [1, rows]: the {@code train.batch-size} key, the range and the
   * value found.
   */
  public static void check(int batchSize, int rows) {
    ConfigException.check(batchSize >= 1 && batchSize <= rows, BATCH_SIZE_KEY,
        "in [1, " + rows + "] (the training rows)", batchSize);
  }

  /** ⌈rows / batchSize⌉: the updates in one epoch. */
  public static int batchesPerEpoch(int rows, int batchSize) {
    return (rows + batchSize - 1) / batchSize;
  }

  /** The batches of a run from its first update. */
  public static ShuffledBatches start(long seed, int rows, int batchSize) {
    return resume(seed, rows, batchSize, 0, 0);
  }

  /** The batches from batch {@code batchInEpoch} (from 0) of epoch {@code epoch} (from 0) on. */
  public static ShuffledBatches resume(long seed, int rows, int batchSize, long epoch,
      int batchInEpoch) {
    ShuffledBatches batches = new ShuffledBatches(seed, rows, batchSize);
    int perEpoch = batchesPerEpoch(rows, batchSize);
    if (epoch < 0 || batchInEpoch < 0 || batchInEpoch >= perEpoch) {
      throw new IllegalArgumentException("a position needs epoch ≥ 0 and batch in [0, "
          + perEpoch + "), found epoch " + epoch + ", batch " + batchInEpoch);
    }
    batches.generator.discard(2L * rows * epoch);
    batches.epoch = epoch;
    batches.drawEpoch();
    batches.batch = batchInEpoch;
    return batches;
  }

  /** The batches after {@code updates} updates: epoch updates / ⌈n/b⌉, batch the remainder. */
  public static ShuffledBatches afterUpdates(long seed, int rows, int batchSize, long updates) {
    int perEpoch = batchesPerEpoch(rows, batchSize);
    return resume(seed, rows, batchSize, updates / perEpoch, (int) (updates % perEpoch));
  }

  /** The epoch of the next batch, from 0. */
  public long epoch() {
    return epoch;
  }

  /** The next batch's index within its epoch, from 0. */
  public int batchInEpoch() {
    return batch;
  }

  /** The updates done before the next batch. */
  public long updates() {
    return epoch * batchesPerEpoch(rows, batchSize) + batch;
  }

  /** The next batch's row indices; the epoch's last batch is followed by a reshuffle. */
  public int[] next() {
    int from = batch * batchSize;
    int[] rowsOfBatch = Arrays.copyOfRange(order, from, Math.min(from + batchSize, rows));
    if (++batch == batchesPerEpoch(rows, batchSize)) {
      epoch++;
      batch = 0;
      drawEpoch();
    }
    return rowsOfBatch;
  }

  private void drawEpoch() {
    generator.random();
    generator.random();
    order = generator.randperm(rows);
    generator.discard(rows - 1);
  }

  /**
   * One epoch's order of a {@code DataLoader(shuffle=True)} given no generator, drawn from the
   * global generator {@code global} as torch 1.13 does: the iterator's base seed (two outputs of
   * {@code global}), then the {@code RandomSampler}'s {@code seed =
   * torch.empty((), dtype=torch.int64).random_()}: a 64-bit value (first output high, second
   * low) modulo 2^63, seeding a fresh generator (whose {@code manual_seed} keeps the low 32 bits)
   * that gives {@code randperm(rows)}. Takes four outputs of {@code global}.
   */
  public static int[] epochOrderFromGlobal(TorchGenerator global, int rows) {
    global.random();
    global.random();
    long high = global.random();
    long low = global.random();
    long seed = ((high << 32) | low) & Long.MAX_VALUE;
    return new TorchGenerator(seed).randperm(rows);
  }
}
