package io.grokking.trainer.model.embedmlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.config.Families;
import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.Operation;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.model.ModelFamilies;
import io.grokking.trainer.task.ModularTask;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The family as the registry sees it: its name, its setting, its run ids and its network. */
class EmbedMlpFamilyTest {
  private static final TrainConfig T = TrainConfig.defaults();

  private static ModelConfig model(Map<String, Object> options) {
    return new ModelConfig(EmbedMlpFamily.NAME, ModelConfig.DEFAULT_D_MODEL,
        ModelConfig.DEFAULT_HEADS, ModelConfig.DEFAULT_D_HEAD, ModelConfig.DEFAULT_D_MLP,
        ModelConfig.DEFAULT_DEPTH, ModelConfig.DEFAULT_BIAS, options);
  }

  @Test
  void isRegisteredUnderItsName() {
    assertThat(Families.names()).contains(EmbedMlpFamily.NAME);
    assertThat(Families.of(EmbedMlpFamily.NAME)).isInstanceOf(EmbedMlpFamily.class);
  }

  @Test
  void runIdNamesFamilyWidthAndEmbedding() {
    RunSpec spec = new RunSpec(23, 1.0, 0.5, 0, T, TaskConfig.defaults(), model(Map.of()));
    assertThat(spec.canonical()).isEqualTo("task=modular-addition;p=23;wd=1.0;frac=0.5;seed=0;"
        + "width=" + T.width() + ";" + T.sharedCanonical() + ";family=embed-mlp;embed=256");
    RunSpec narrow = new RunSpec(23, 1.0, 0.5, 0, T, TaskConfig.defaults(),
        model(Map.of(EmbedMlpFamily.EMBED_DIM.key(), 64)));
    assertThat(narrow.canonical()).endsWith(";family=embed-mlp;embed=64");
    assertThat(narrow.runId()).isNotEqualTo(spec.runId());
    assertThat(new RunSpec(23, 1.0, 0.5, 0, T).runId()).as("the MLP's id")
        .isNotEqualTo(spec.runId());
  }

  @Test
  void embedDimZeroIsRefusedNamingKeyRangeAndValue() {
    assertThatThrownBy(() -> model(Map.of(EmbedMlpFamily.EMBED_DIM.key(), 0)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("model.embed-dim").hasMessageContaining("an integer > 0")
        .hasMessageContaining("found 0");
  }

  @Test
  void fitsNonCommutativeOperationsAndBuildsItsNetwork() {
    RunSpec spec = new RunSpec(7, 1.0, 0.5, 3, T, new TaskConfig(Operation.SUB, 0),
        model(Map.of(EmbedMlpFamily.EMBED_DIM.key(), 8)));
    ModelFamilies.Built built = ModelFamilies.create(spec, ModularTask.of(spec));
    EmbedMlpShape shape = new EmbedMlpShape(7, 8, T.width());
    assertThat(built.model().params().length()).isEqualTo(shape.length());
    assertThat(built.model().tensors()).extracting(t -> t.name())
        .containsExactly("W_x", "W_y", "W", "W_U");
    assertThat(built.model().params().toDoubleVector())
        .containsExactly(EmbedMlpInit.initialise(shape, 3, built.model().params().dataType())
            .toDoubleVector());
    assertThat(built.probe()).isInstanceOf(EmbedMlpProbe.class);
    assertThat(Families.of(EmbedMlpFamily.NAME).cost(spec)).isPositive();
  }
}
