package io.grokking.trainer.run;

import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.OptimizerConfig;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.Setting;
import io.grokking.trainer.config.TaskConfig;
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
    g.add("run_id", spec.runId());
    g.add("weight_decay", spec.weightDecay());
    g.add("train_fraction", spec.trainFraction());
    g.add("seed", spec.seed());
    g.add("learning_rate", t.learningRate());
    g.add("steps_budget", t.steps());
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
    g.add("family", m.family());
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
    m.spec().columns(t, m, (column, value) -> add(g, column, value));
    for (Setting s : m.spec().options()) {
      add(g, s.column(), m.option(s));
    }
    g.add(TaskConfig.NAME.column(), spec.task().name());
    for (Setting s : spec.task().spec().options()) {
      add(g, s.column(), spec.task().option(s));
    }
    return g;
  }

  /** One value of a family's column, by its Java type. */
  private static void add(Group g, String column, Object value) {
    if (value instanceof Integer i) {
      g.add(column, i);
    } else if (value instanceof Double d) {
      g.add(column, d);
    } else if (value instanceof Boolean b) {
      g.add(column, b);
    } else if (value instanceof String text) {
      g.add(column, text);
    } else {
      throw new IllegalArgumentException("column " + column + " cannot hold " + value);
    }
  }

  private static void addIfPresent(Group g, String column, Double value) {
    if (value != null) {
      g.add(column, value);
    }
  }
}
