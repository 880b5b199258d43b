package io.grokking.trainer.output;

import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.ModelFamily;
import io.grokking.trainer.config.OptimizerConfig;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.StopWhen;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.train.Trainer;
import org.apache.parquet.example.data.Group;

/** Fills Parquet rows of the metric and result schemas ({@link io.grokking.trainer.metrics.Schemas}). */
public final class RunRows {
  private RunRows() {}

  public static Group metric(Group g, String runId, StepMetrics m) {
    g.add("run_id", runId);
    g.add("step", m.step());
    g.add("train_loss", m.trainLoss());
    g.add("train_acc", m.trainAcc());
    addIfPresent(g, "test_loss", m.testLoss());
    addIfPresent(g, "test_acc", m.testAcc());
    addIfPresent(g, "weight_norm", m.weightNorm());
    addIfPresent(g, "ipr", m.ipr());
    if (m.nFrequencies() != null) {
      g.add("n_frequencies", m.nFrequencies());
    }
    addIfPresent(g, "fourier_sparsity", m.fourierSparsity());
    addIfPresent(g, "phase_misalignment", m.phaseMisalignment());
    addIfPresent(g, "restricted_loss", m.restrictedLoss());
    addIfPresent(g, "excluded_loss", m.excludedLoss());
    addIfPresent(g, "gini_embedding", m.giniEmbedding());
    addIfPresent(g, "gini_unembedding", m.giniUnembedding());
    return g;
  }

  public static Group result(Group g, RunSpec spec, Trainer.Result r, int nTrain, int nTest,
      double totalSeconds, long startedAtMs, String host) {
    TrainConfig t = spec.train();
    ModelConfig m = spec.model();
    boolean mlp = m.family() == ModelFamily.MLP;
    g.add("run_id", spec.runId());
    g.add("weight_decay", spec.weightDecay());
    g.add("train_fraction", spec.trainFraction());
    g.add("seed", spec.seed());
    if (mlp) {
      g.add("width", t.width());
    }
    g.add("learning_rate", t.learningRate());
    g.add("steps_budget", t.steps());
    if (mlp) {
      g.add("activation", t.activation().key());
      g.add("encoding", t.encoding().key());
    }
    g.add("dtype", t.precision().key());
    g.add("n_train", nTrain);
    g.add("n_test", nTest);
    g.add("status", r.status().key());
    g.add("steps_run", r.stepsRun());
    if (r.message() != null) {
      g.add("message", r.message());
    }
    g.add("train_seconds", r.trainSeconds());
    g.add("eval_seconds", r.evalSeconds());
    g.add("total_seconds", totalSeconds);
    g.add("started_at_ms", startedAtMs);
    g.add("host", host);
    g.add("config", spec.canonical());
    g.add("eval_every", t.evalEvery());
    g.add("warmup_steps", t.warmupSteps());
    g.add("beta1", t.beta1());
    g.add("beta2", t.beta2());
    g.add("epsilon", t.epsilon());
    if (mlp && !t.hasInitStd()) {
      g.add("init_scale", t.initScale());
    }
    g.add("stop_after_grok", t.stopAfterGrok());
    g.add("stop_threshold", t.stopThreshold());
    g.add("stop_window", t.stopWindow());
    g.add("loss", t.loss().key());
    g.add("stop_when", t.stopWhen().key());
    if (t.stopWhen() == StopWhen.PHASE_SETTLED) {
      g.add("settle_threshold", t.settleThreshold());
      g.add("settle_window", t.settleWindow());
    }
    g.add("operation", spec.task().operation().key());
    g.add("label_noise", spec.task().labelNoise());
    g.add("family", m.family().key());
    OptimizerConfig o = spec.optimizer();
    g.add("optimizer", o.optimizer().key());
    g.add("momentum", o.momentum());
    g.add("weight_decay_toward", o.weightDecayToward().key());
    g.add("grad_filter", o.gradFilter().key());
    switch (o.gradFilter()) {
      case GROKFAST_EMA -> {
        g.add("grokfast_alpha", o.grokfastAlpha());
        g.add("grokfast_lambda", o.lambda());
      }
      case GROKFAST_MA -> {
        g.add("grokfast_window", o.grokfastWindow());
        g.add("grokfast_lambda", o.lambda());
      }
      default -> { }
    }
    if (!mlp) {
      g.add("d_model", m.dModel());
      g.add("heads", m.heads());
      g.add("d_head", m.dHead());
      g.add("d_mlp", m.dMlp());
      g.add("layers", m.layers());
    }
    if (mlp) {
      g.add("depth", m.depth());
      g.add("bias", m.bias());
      if (t.hasInitStd()) {
        g.add("init_std", t.initStd());
      }
    }
    return g;
  }

  private static void addIfPresent(Group g, String column, Double value) {
    if (value != null) {
      g.add(column, value);
    }
  }
}
