package io.grokking.trainer.run;

import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.model.ModelProbe;
import io.grokking.trainer.model.TrainableModel;
import io.grokking.trainer.numeric.OffHeap;
import io.grokking.trainer.task.ModularTask;
import io.grokking.trainer.task.TaskMeasures;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A run's task measures ({@link TaskMeasures}) fed with what they read: the family's embeddings
 * ({@link ModelProbe#embeddings()}) and the logits of all N² pairs, row x·N + y, from the
 * family's own forward pass over them ({@link TrainableModel#passes}), so that no family and no
 * part of the loop needs to know the task. The passes and the buffers are allocated once, when
 * the run starts; a measurement then allocates no off-heap memory. Logits beyond the N classes
 * (the transformer's {@code =}) are dropped.
 */
final class TaskMeasurements {
  private final TaskMeasures.Measurer measurer;
  private final ModelProbe probe;
  private final TrainableModel.Passes allPairs;
  private final int size;
  private final double[][] rows;
  private float[] floats;
  private double[] doubles;

  private TaskMeasurements(TaskMeasures.Measurer measurer, ModelProbe probe,
      TrainableModel.Passes allPairs, int size) {
    this.measurer = measurer;
    this.probe = probe;
    this.allPairs = allPairs;
    this.size = size;
    this.rows = new double[size * size][size];
  }

  /** The measures of {@code spec}'s task on this network, or null when the task takes none. */
  static TaskMeasurements of(RunSpec spec, ModularTask data, TrainableModel model,
      ModelProbe probe) {
    TaskMeasures measures = TaskMeasures.of(spec.task().spec()).orElse(null);
    if (measures == null) {
      return null;
    }
    int n = data.modulus();
    int[] every = new int[n * n];
    Arrays.setAll(every, i -> i);
    TrainableModel.Passes passes;
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      passes = model.passes(ModularTask.Side.of(n, data.train().rule(), every));
    }
    return new TaskMeasurements(measures.measurer(spec.task(), n, data.train().pairs()), probe,
        passes, n);
  }

  /** Whether {@code spec}'s task takes measures of its own, and so writes their table. */
  static boolean taken(RunSpec spec) {
    return TaskMeasures.of(spec.task().spec()).isPresent();
  }

  /** The measures of the network's current weights. */
  TaskMeasures.Measurement measure() {
    return measurer.measure(probe.embeddings(), logits());
  }

  /** The logits of all N² pairs under the current weights, in the reused rows. */
  private double[][] logits() {
    INDArray out = allPairs.forward();
    int classes = (int) out.columns();
    int length = rows.length * classes;
    if (out.dataType() == DataType.DOUBLE) {
      if (doubles == null) {
        doubles = new double[length];
      }
      OffHeap.read(out, doubles);
      for (int p = 0; p < rows.length; p++) {
        System.arraycopy(doubles, p * classes, rows[p], 0, size);
      }
    } else {
      if (floats == null) {
        floats = new float[length];
      }
      OffHeap.read(out.dataType() == DataType.FLOAT ? out : out.castTo(DataType.FLOAT), floats);
      for (int p = 0; p < rows.length; p++) {
        int from = p * classes;
        double[] row = rows[p];
        for (int c = 0; c < size; c++) {
          row[c] = floats[from + c];
        }
      }
    }
    return rows;
  }
}
