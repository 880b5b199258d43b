package io.grokking.trainer.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One optimizer on the model's flat parameter vector (train.optimizer): each {@link #step}
 * updates the parameters in place from a gradient of the same layout. The learning rate follows
 * the run's linear warm-up ({@link #learningRateAt}) whatever the optimizer. Built by {@link
 * Optimizers#create}.
 */
public interface Optimizer {
  /** Name of the first-moment vector in {@link #state()}, saved as a checkpoint's first moment. */
  String FIRST_MOMENT = "m";
  /** Name of the second-moment vector in {@link #state()}, saved as its second moment. */
  String SECOND_MOMENT = "v";

  /** One update of {@code params} in place; both dense, of the length the optimizer was built for. */
  void step(INDArray params, INDArray grad);

  /** Updates applied so far. */
  long updates();

  /** The learning rate used by update number {@code s} (0-based), after warm-up. */
  double learningRateAt(long s);

  /**
   * Copies of the vectors a checkpoint must keep to continue bit for bit, by name, each as long
   * as the parameters; the update count travels separately.
   */
  Map<String, double[]> state();

  /** Restores {@link #state()} and the update count from a checkpoint; absent names stay zero. */
  void restore(Map<String, double[]> state, long updates);

  /** lr · min((s + 1) / warmup, 1), or lr without warm-up: PyTorch's LambdaLR with the peer's lambda. */
  static double warmedUp(double learningRate, int warmupSteps, long s) {
    return warmupSteps == 0 ? learningRate
        : learningRate * Math.min((s + 1.0) / warmupSteps, 1.0);
  }
}
