package io.grokking.sweep.config;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import io.grokking.trainer.config.Families;
import io.grokking.trainer.config.FamilySpec;
import io.grokking.trainer.config.OptimizerConfig;
import io.grokking.trainer.config.Setting;
import io.grokking.trainer.config.TaskSpec;
import io.grokking.trainer.config.Tasks;
import io.grokking.trainer.config.TrainConfig;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a resolved {@link SweepConfig} back as HOCON for {@code DIR/sweep.conf}: every key with
 * the value in force, then a {@code provenance} section that {@link ConfigLoader} ignores, so the
 * file both documents a sweep and re-runs it ({@code grok sweep --config DIR/sweep.conf}).
 */
public final class ConfigRenderer {
  private ConfigRenderer() {}

  public static String render(SweepConfig c, Provenance p) {
    TrainConfig t = c.train();
    StringBuilder b = new StringBuilder();
    b.append("# Resolved configuration of this sweep, written by `grok sweep`.\n");
    b.append("# Resume or repeat it with: grok sweep --config <this file> --out <this directory>\n");
    b.append("sweep {\n");
    line(b, Keys.MODULI, list(c.moduli()));
    line(b, Keys.WEIGHT_DECAYS, list(c.weightDecays()));
    line(b, Keys.TRAIN_FRACTIONS, list(c.trainFractions()));
    line(b, Keys.SEEDS, list(c.seeds()));
    line(b, Keys.ALLOW_LARGE_GRID, c.allowLargeGrid());
    if (c.refine().enabled()) {
      line(b, Keys.REFINE_ROUNDS, c.refine().rounds());
      line(b, Keys.REFINE_MAX_RUNS, c.refine().maxRuns());
      line(b, Keys.REFINE_TRIGGER, c.refine().trigger().key());
    }
    if (!c.liveReport().isDefault()) {
      // left out at its defaults, so sweep.conf reads as it did before the live report
      line(b, Keys.REPORT_EVERY, quoted(c.liveReport().every()));
      line(b, Keys.REPORT_MIN_INTERVAL, c.liveReport().minInterval());
    }
    if (!c.axes().isEmpty()) {
      b.append("  axes {\n");
      for (Axis axis : c.axes()) {
        b.append("    ").append(axis.key()).append(" = ").append(axis.values().stream()
            .map(ConfigRenderer::value).collect(Collectors.joining(", ", "[", "]")))
            .append('\n');
      }
      b.append("  }\n");
    }
    b.append("}\ntrain {\n");
    line(b, Keys.WIDTH, t.width());
    line(b, Keys.LEARNING_RATE, t.learningRate());
    line(b, Keys.STEPS, t.steps());
    line(b, Keys.ACTIVATION, t.activation().key());
    line(b, Keys.ENCODING, t.encoding().key());
    line(b, Keys.EVAL_EVERY, t.evalEvery());
    line(b, Keys.WARMUP_STEPS, t.warmupSteps());
    line(b, Keys.BETA1, t.beta1());
    line(b, Keys.BETA2, t.beta2());
    line(b, Keys.EPSILON, t.epsilon());
    // ConfigLoader refuses an init-scale written beside an init-std, even at its default value,
    // so a default init-scale is left out when an init-std is (or may be) in force: the file
    // must load again.
    boolean stdAxis = c.axes().stream().anyMatch(a -> a.key().equals(Keys.INIT_STD));
    if (t.initScale() != TrainConfig.DEFAULT_INIT_SCALE || (!t.hasInitStd() && !stdAxis)) {
      line(b, Keys.INIT_SCALE, t.initScale());
    }
    line(b, Keys.INIT_STD, t.hasInitStd() ? t.initStd() : "none");
    line(b, Keys.DTYPE, t.precision().key());
    line(b, Keys.STOP_AFTER_GROK, t.stopAfterGrok());
    line(b, Keys.STOP_THRESHOLD, t.stopThreshold());
    line(b, Keys.STOP_WINDOW, t.stopWindow());
    line(b, Keys.STOP_WHEN, t.stopWhen().key());
    // only when set apart from the keys they default to, so that the file loads again as it was
    if (t.settleThreshold() != c.analysis().phaseThreshold()) {
      line(b, Keys.SETTLE_THRESHOLD, t.settleThreshold());
    }
    if (t.settleWindow() != t.stopWindow()) {
      line(b, Keys.SETTLE_WINDOW, t.settleWindow());
    }
    line(b, Keys.BATCH_SIZE, t.fullBatch() ? TrainConfig.FULL_BATCH_WORD : t.batchSize());
    line(b, Keys.THREADS, t.threads());
    line(b, Keys.CHECKPOINT_EVERY, t.checkpointEvery());
    line(b, Keys.LOSS, t.loss().key());
    OptimizerConfig o = c.optimizer();
    line(b, Keys.OPTIMIZER, o.optimizer().key());
    line(b, Keys.MOMENTUM, o.momentum());
    line(b, Keys.DECAY_TOWARD, o.weightDecayToward().key());
    line(b, Keys.GRAD_FILTER, o.gradFilter().key());
    line(b, Keys.GROKFAST_ALPHA, o.grokfastAlpha());
    line(b, Keys.GROKFAST_LAMBDA, Double.isNaN(o.grokfastLambda()) ? "default"
        : o.grokfastLambda());
    line(b, Keys.GROKFAST_WINDOW, o.grokfastWindow());
    b.append("}\nmodel {\n");
    line(b, Keys.FAMILY, c.model().family());
    line(b, Keys.D_MODEL, c.model().dModel());
    line(b, Keys.HEADS, c.model().heads());
    line(b, Keys.D_HEAD, c.model().dHead());
    line(b, Keys.D_MLP, c.model().dMlp());
    line(b, Keys.DEPTH, c.model().depth());
    line(b, Keys.BIAS, c.model().bias());
    for (FamilySpec family : Families.all()) {
      for (Setting s : family.options()) {
        line(b, s.key(), value(family.name().equals(c.model().family()) ? c.model().option(s)
            : s.defaultValue()));
      }
    }
    b.append("}\ntask {\n");
    line(b, Keys.TASK_NAME, c.task().name());
    line(b, Keys.OPERATION, quoted(c.task().operation().key()));
    line(b, Keys.LABEL_NOISE, c.task().labelNoise());
    for (TaskSpec task : Tasks.all()) {
      for (Setting s : task.options()) {
        line(b, s.key(), value(task.name().equals(c.task().name()) ? c.task().option(s)
            : s.defaultValue()));
      }
    }
    b.append("}\nanalysis {\n");
    AnalysisConfig a = c.analysis();
    line(b, Keys.PHASE_THRESHOLD, a.phaseThreshold());
    line(b, Keys.PHASE_GAP, a.phaseGap());
    line(b, Keys.PHASE_RULE, a.phaseRule());
    line(b, Keys.PHASE_RATIO, a.phaseRatio());
    line(b, Keys.X, a.x());
    line(b, Keys.Y, a.y());
    line(b, Keys.LOSS_MILESTONES, list(a.lossMilestones()));
    b.append("}\n# Informational; ignored when this file is loaded again.\n");
    b.append(Keys.PROVENANCE).append(" {\n");
    line(b, Keys.GRID_HASH, quoted(c.gridHash()));
    line(b, "provenance.grid-size", c.gridSize());
    line(b, "provenance.java", quoted(p.java()));
    line(b, "provenance.spark", quoted(p.spark()));
    line(b, "provenance.dl4j", quoted(p.dl4j()));
    line(b, "provenance.host", quoted(p.host()));
    line(b, "provenance.created-at", quoted(p.createdAt().toString()));
    line(b, "provenance.git-revision", quoted(p.gitRevision()));
    b.append("}\n");
    return b.toString();
  }

  private static void line(StringBuilder b, String key, Object value) {
    b.append("  ").append(key.substring(key.indexOf('.') + 1)).append(" = ").append(value)
        .append('\n');
  }

  private static String list(List<?> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String value(Object v) {
    return ConfigValueFactory.fromAnyRef(v).render(ConfigRenderOptions.concise());
  }

  private static String quoted(String s) {
    return ConfigValueFactory.fromAnyRef(s).render(ConfigRenderOptions.concise());
  }
}
