package io.grokking.trainer.task;

import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TaskSpec;
import java.util.List;
import java.util.Optional;

/**
 * Measures a task takes of every run of it at every evaluation step, from the network's
 * embeddings and its logits over all N² pairs, whatever the model family: a {@link TaskSpec} that
 * has such measures implements this too, and the run records them in its {@code representations}
 * table and its metric and result columns. Tasks without them (modular arithmetic) write none of
 * these.
 */
public interface TaskMeasures {
  /** The measures of {@code task}, when it has any. */
  static Optional<TaskMeasures> of(TaskSpec task) {
    return task instanceof TaskMeasures m ? Optional.of(m) : Optional.empty();
  }

  /**
   * The measurer of one run.
   *
   * @param size the run's size N
   * @param trainPairs the training pair indices x·N + y
   */
  Measurer measurer(TaskConfig task, int size, int[] trainPairs);

  /** Measures one run's network; built once per run. */
  interface Measurer {
    /**
     * @param embeddings the network's embeddings, or null when its family exposes none (the
     *     shares are then left empty)
     * @param logits N² rows, row x·N + y holding the N logits of (x, y); only read
     */
    Measurement measure(Embeddings embeddings, double[][] logits);
  }

  /**
   * One row of the {@code representations} table: a component (an irreducible representation of
   * a group) and the share of each embedding's squared norm it holds; a share is null when it is
   * not a finite number or the family exposes no embeddings.
   *
   * @param dimension the representation's dimension d
   * @param key whether it is one of the network's key representations at this step
   */
  record Component(String name, int dimension, Double shareLeft, Double shareRight,
      Double shareUnembed, boolean key) {}

  /**
   * One evaluation's measures.
   *
   * @param restrictedLoss the loss with the logits kept along the key components alone, or null
   * @param excludedLoss the loss with the key components removed, or null
   * @param keys the key components' names, {@code ;}-separated, for the result row
   */
  record Measurement(List<Component> components, Double restrictedLoss, Double excludedLoss,
      String keys) {}
}
