package io.grokking.trainer;

import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.Precision;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TrainConfig;

/** Tiny run configurations for tests. */
public final class TestRuns {
  private TestRuns() {}

  public static TrainConfig train(int width, double lr, int steps, int evalEvery) {
    return new TrainConfig(width, lr, steps, Activation.RELU, Encoding.SUM, evalEvery, 10, 0.9,
        0.98, 1e-8, 0.1, Precision.FLOAT32, false, 0.99, 1000, 1, 0);
  }

  public static TrainConfig with(TrainConfig t, Activation a, Encoding e, Precision p) {
    return new TrainConfig(t.width(), t.learningRate(), t.steps(), a, e, t.evalEvery(),
        t.warmupSteps(), t.beta1(), t.beta2(), t.epsilon(), t.initScale(), p, t.stopAfterGrok(),
        t.stopThreshold(), t.stopWindow(), t.threads(), t.checkpointEvery(), t.initStd(), t.loss(),
        t.stopWhen(), t.settleThreshold(), t.settleWindow());
  }

  public static TrainConfig stopping(TrainConfig t, double threshold, int window) {
    return new TrainConfig(t.width(), t.learningRate(), t.steps(), t.activation(), t.encoding(),
        t.evalEvery(), t.warmupSteps(), t.beta1(), t.beta2(), t.epsilon(), t.initScale(),
        t.precision(), true, threshold, window, t.threads(), t.checkpointEvery(), t.initStd(), t.loss(),
        t.stopWhen(), t.settleThreshold(), t.settleWindow());
  }

  public static RunSpec spec(int p, double wd, double frac, long seed, TrainConfig t) {
    return new RunSpec(p, wd, frac, seed, t);
  }
}
