package io.grokking.trainer.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.model.mlp.MlpFamily;
import io.grokking.trainer.model.transformer.TransformerFamily;

import org.junit.jupiter.api.Test;

/**
 * Run ids of configurations written before tasks existed, computed with the code at commit
 * dde79ed: existing sweep directories resume only while these stay the same.
 */
class RunIdsTest {
  private static final TrainConfig D = TrainConfig.defaults();

  /** conf/demo.conf's train block; every other key at its default. */
  private static final TrainConfig DEMO = new TrainConfig(128, 3e-3, 4000, Activation.RELU,
      Encoding.SUM, 100, D.warmupSteps(), D.beta1(), D.beta2(), D.epsilon(), D.initScale(),
      Precision.FLOAT32, true, D.stopThreshold(), D.stopWindow(), 1, 0);

  /** conf/he2026-p23.conf's train block. */
  private static final TrainConfig HE2026 = new TrainConfig(512, 1e-4, 15000, Activation.RELU,
      Encoding.SUM, 100, D.warmupSteps(), D.beta1(), D.beta2(), D.epsilon(), D.initScale(),
      Precision.FLOAT32, false, D.stopThreshold(), D.stopWindow(), 1, 0);

  @Test
  void demoRunsKeepTheirIds() {
    RunSpec spec = new RunSpec(23, 0.3, 0.6, 0, DEMO);
    assertThat(spec.canonical()).isEqualTo("task=modular-addition;p=23;wd=0.3;frac=0.6;seed=0;"
        + "width=128;lr=0.003;steps=4000;act=relu;enc=sum;eval=100;warmup=10;b1=0.9;b2=0.98;"
        + "eps=1.0E-8;init=0.1;dtype=float32;stop=true;stopth=0.99;stopwin=1000");
    assertThat(spec.runId()).isEqualTo("41703ab77838323d");
    // task=modular-addition;p=31;wd=0.0;frac=0.3;seed=2;width=128;... as above
    assertThat(new RunSpec(31, 0.0, 0.3, 2, DEMO).runId()).isEqualTo("8e9629366e3ed92b");
    // task=modular-addition;p=23;wd=10.0;frac=0.9;seed=1;width=128;... as above
    assertThat(new RunSpec(23, 10.0, 0.9, 1, DEMO).runId()).isEqualTo("166917dcd93313ac");
  }

  @Test
  void he2026RunKeepsItsId() {
    RunSpec spec = new RunSpec(23, 2.0, 0.75, 42, HE2026);
    assertThat(spec.canonical()).isEqualTo("task=modular-addition;p=23;wd=2.0;frac=0.75;seed=42;"
        + "width=512;lr=1.0E-4;steps=15000;act=relu;enc=sum;eval=100;warmup=10;b1=0.9;b2=0.98;"
        + "eps=1.0E-8;init=0.1;dtype=float32;stop=false;stopth=0.99;stopwin=1000");
    assertThat(spec.runId()).isEqualTo("8c2dbf648dcea600");
  }

  @Test
  void theDefaultTaskSpelledOutHasTheSameId() {
    RunSpec implicit = new RunSpec(23, 0.3, 0.6, 0, DEMO);
    RunSpec explicit = new RunSpec(23, 0.3, 0.6, 0, DEMO, new TaskConfig(Operation.ADD, 0.0));
    assertThat(explicit.runId()).isEqualTo(implicit.runId());
    assertThat(new RunSpec(23, 0.3, 0.6, 0, DEMO, new TaskConfig(Operation.MUL, 0.0)).runId())
        .isNotEqualTo(implicit.runId());
  }

  @Test
  void theMlpOptionsAtTheirDefaultsKeepEveryId() {
    RunSpec spec = new RunSpec(23, 0.3, 0.6, 0, DEMO, TaskConfig.defaults(),
        new ModelConfig(MlpFamily.NAME, 128, 4, 32, 512, ModelConfig.DEFAULT_DEPTH,
            ModelConfig.DEFAULT_BIAS));
    assertThat(spec.runId()).isEqualTo("41703ab77838323d");
    RunSpec transformer = new RunSpec(23, 0.3, 0.6, 0, DEMO, TaskConfig.defaults(),
        new ModelConfig(TransformerFamily.NAME, 128, 4, 32, 512));
    RunSpec transformerDeep = new RunSpec(23, 0.3, 0.6, 0, DEMO, TaskConfig.defaults(),
        new ModelConfig(TransformerFamily.NAME, 128, 4, 32, 512, 3, true));
    assertThat(transformerDeep.runId()).as("the transformer reads neither")
        .isEqualTo(transformer.runId());
  }

  @Test
  void eachMlpOptionEntersTheIdOnlyAwayFromItsDefault() {
    String base = new RunSpec(23, 0.3, 0.6, 0, DEMO).canonical();
    RunSpec deep = new RunSpec(23, 0.3, 0.6, 0, DEMO, TaskConfig.defaults(),
        new ModelConfig(MlpFamily.NAME, 128, 4, 32, 512, 2, true));
    assertThat(deep.canonical()).isEqualTo(base + ";depth=2;bias=true");
    TrainConfig std = new TrainConfig(DEMO.width(), DEMO.learningRate(), DEMO.steps(),
        Activation.GELU, DEMO.encoding(), DEMO.evalEvery(), DEMO.warmupSteps(), DEMO.beta1(),
        DEMO.beta2(), DEMO.epsilon(), DEMO.initScale(), DEMO.precision(), DEMO.stopAfterGrok(),
        DEMO.stopThreshold(), DEMO.stopWindow(), 1, 0, 0.05);
    assertThat(new RunSpec(23, 0.3, 0.6, 0, std).canonical())
        .isEqualTo(base.replace("act=relu", "act=gelu").replace("init=0.1", "initstd=0.05"));
    assertThat(Settings.parse(deep.canonical())).containsEntry("model.depth", "2")
        .containsEntry("model.bias", "true").doesNotContainKey("train.init-std");
    assertThat(Settings.parse(base)).containsEntry("model.depth", "1")
        .containsEntry("model.bias", "false");
    assertThat(Settings.parse(new RunSpec(23, 0.3, 0.6, 0, std).canonical()))
        .containsEntry("train.init-std", "0.05").doesNotContainKey("train.init-scale");
  }

  @Test
  void theLossEntersTheCanonicalFormOnlyWhenItIsNotCrossEntropy() {
    RunSpec plain = new RunSpec(23, 0.3, 0.6, 0, DEMO);
    assertThat(new RunSpec(23, 0.3, 0.6, 0, DEMO.withLoss(LossFunction.CROSS_ENTROPY)).runId())
        .isEqualTo("41703ab77838323d").isEqualTo(plain.runId());
    RunSpec stablemax = new RunSpec(23, 0.3, 0.6, 0, DEMO.withLoss(LossFunction.STABLEMAX));
    assertThat(stablemax.canonical()).isEqualTo(plain.canonical() + ";loss=stablemax");
    assertThat(stablemax.runId()).isNotEqualTo(plain.runId());
    assertThat(new RunSpec(23, 0.3, 0.6, 0, DEMO.withLoss(LossFunction.MSE)).canonical())
        .isEqualTo(plain.canonical() + ";loss=mse");
    // Read back from the canonical form: a run without the pair was trained with cross-entropy.
    assertThat(Settings.parse(plain.canonical())).containsEntry("train.loss", "cross-entropy");
    assertThat(Settings.parse(stablemax.canonical())).containsEntry("train.loss", "stablemax");
  }

  @Test
  void theTransformersCanonicalFormCarriesTheLossToo() {
    ModelConfig transformer = new ModelConfig(TransformerFamily.NAME, 128, 4, 32, 512);
    RunSpec plain = new RunSpec(23, 0.3, 0.6, 0, DEMO, TaskConfig.defaults(), transformer);
    RunSpec mse = new RunSpec(23, 0.3, 0.6, 0, DEMO.withLoss(LossFunction.MSE),
        TaskConfig.defaults(), transformer);
    assertThat(mse.canonical()).isEqualTo(plain.canonical()
        .replace(";stopwin=1000;", ";stopwin=1000;loss=mse;"));
  }
}
