package io.grokking.trainer.model.transformer;

import io.grokking.trainer.task.ModularTask;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Times the fast pass's training step (forward + backward) on Nanda et al.'s configuration T1:
 * p = 113, fraction 0.3 (3 831 training pairs), float32. Run it with one BLAS thread
 * ({@code OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1}) beside the PyTorch peer; it prints the
 * median, min and max ms/step over 10 blocks after a warm-up, as the peer does.
 *
 * <p>Arguments: p (113), train fraction (0.3), steps per block (10), precision (float32|float64).
 */
public final class TransformerStepTiming {
  private TransformerStepTiming() {}

  public static void main(String[] args) {
    int p = args.length > 0 ? Integer.parseInt(args[0]) : 113;
    double fraction = args.length > 1 ? Double.parseDouble(args[1]) : 0.3;
    int per = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    DataType type = args.length > 3 && args[3].equals("float64") ? DataType.DOUBLE
        : DataType.FLOAT;
    ModularTask task = ModularTask.split(p, fraction, 0);
    ModularTask.Side train = task.train();
    int n = train.size();
    int[] a = new int[n];
    int[] b = new int[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = train.a(i);
      b[i] = train.b(i);
      y[i] = train.label(i);
    }
    TransformerLayout layout = new TransformerLayout(TransformerShape.of(p));
    INDArray params = TransformerInit.initialise(layout, 0, type);
    INDArray grad = layout.zeros(type);
    TransformerPasses passes = new TransformerPasses(layout, a, b, y, params, grad);
    for (int s = 0; s < 10; s++) {
      passes.forward();
      passes.backward();
    }
    double[] blocks = new double[10];
    for (int k = 0; k < blocks.length; k++) {
      long t0 = System.nanoTime();
      for (int s = 0; s < per; s++) {
        passes.forward();
        passes.backward();
      }
      blocks[k] = (System.nanoTime() - t0) / 1e6 / per;
    }
    double[] sorted = blocks.clone();
    Arrays.sort(sorted);
    double median = (sorted[4] + sorted[5]) / 2;
    System.out.printf("{\"ours\":\"fast-pass\",\"p\":%d,\"n_train\":%d,\"type\":\"%s\","
        + "\"ms_per_step\":%.3f,\"ms_min\":%.3f,\"ms_max\":%.3f,\"loss\":%.6f}%n", p, n, type,
        median, sorted[0], sorted[sorted.length - 1], passes.loss());
  }
}
