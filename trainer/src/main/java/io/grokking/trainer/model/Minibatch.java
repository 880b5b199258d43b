package io.grokking.trainer.model;

import io.grokking.trainer.task.ModularTask;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link TrainableModel.BatchPasses} from a family's passes over a fixed number of rows and the
 * way that family refills them in place: {@link #select} reads the selected rows' a, b and
 * label from the side into three reused arrays and hands them to the family's {@link Refill}.
 * The passes were made, once, over the side's first {@code size} rows ({@link #first}).
 */
public final class Minibatch implements TrainableModel.BatchPasses {
  /** Writes a batch's pairs and labels into a family's passes, which keep their buffers. */
  public interface Refill {
    /** Row i of the next batch is the pair (a[i], b[i]) with class labels[i]. */
    void rows(int[] a, int[] b, int[] labels);
  }

  private final ModularTask.Side side;
  private final TrainableModel.Passes passes;
  private final Refill refill;
  private final int[] a;
  private final int[] b;
  private final int[] labels;

  /**
   * @param passes the family's passes over {@link #first first(side, size)}
   * @param refill how those passes take the rows of another batch of the same size
   */
  public Minibatch(ModularTask.Side side, int size, TrainableModel.Passes passes, Refill refill) {
    if (size < 1 || size > side.size()) {
      throw new IllegalArgumentException("a minibatch needs 1 to " + side.size()
          + " rows (the side's), found " + size);
    }
    this.side = side;
    this.passes = passes;
    this.refill = refill;
    this.a = new int[size];
    this.b = new int[size];
    this.labels = new int[size];
  }

  /** The side's first {@code size} rows, over which a family makes the passes it refills. */
  public static ModularTask.Side first(ModularTask.Side side, int size) {
    int[] rows = new int[Math.min(size, side.size())];
    Arrays.setAll(rows, i -> i);
    return rowsOf(side, rows);
  }

  /** A side made of rows {@code rows} of {@code side}, in this order, labels as they are. */
  public static ModularTask.Side rowsOf(ModularTask.Side side, int[] rows) {
    int[] pairs = new int[rows.length];
    int[] rowLabels = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      pairs[i] = side.pairs()[rows[i]];
      rowLabels[i] = side.label(rows[i]);
    }
    return new ModularTask.Side(side.modulus(), side.rule(), pairs, rowLabels);
  }

  @Override
  public int size() {
    return a.length;
  }

  @Override
  public void select(int[] rows) {
    if (rows.length != a.length) {
      throw new IllegalArgumentException("these passes take batches of " + a.length
          + " rows, found " + rows.length);
    }
    for (int i = 0; i < rows.length; i++) {
      a[i] = side.a(rows[i]);
      b[i] = side.b(rows[i]);
      labels[i] = side.label(rows[i]);
    }
    refill.rows(a, b, labels);
  }

  @Override
  public INDArray forward() {
    return passes.forward();
  }

  @Override
  public INDArray logits() {
    return passes.logits();
  }

  @Override
  public double loss() {
    return passes.loss();
  }

  @Override
  public double accuracy() {
    return passes.accuracy();
  }

  @Override
  public void backward() {
    passes.backward();
  }
}
