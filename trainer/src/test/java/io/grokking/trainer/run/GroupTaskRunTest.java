package io.grokking.trainer.run;

import static io.grokking.trainer.run.RunExecutorTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.Operation;
import io.grokking.trainer.config.Precision;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.Settings;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.task.ModularTask;
import io.grokking.trainer.task.group.FiniteGroup;
import io.grokking.trainer.task.group.GroupComposition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group task as registered ({@code task.name = group}): its split, its labels, its run id and
 * its output, end to end through the run executor.
 */
class GroupTaskRunTest {
  private static final TrainConfig CONCAT = TestRuns.with(TestRuns.train(32, 1e-2, 30, 10),
      Activation.RELU, Encoding.CONCAT, Precision.FLOAT32);

  static TaskConfig group(String name) {
    return new TaskConfig(GroupComposition.NAME, Operation.ADD, 0.0,
        Map.of(GroupComposition.GROUP.key(), name));
  }

  @Test
  void theSplitIsTheModularOneAndTheLabelsAreTheProducts() {
    FiniteGroup s4 = FiniteGroup.parse("S4");
    ModularTask groupData = ModularTask.split(24, 0.4, 3, group("S4"));
    // the same randperm over the N² pair indices as a modular task of p = N
    ModularTask modular = ModularTask.split(24, 0.4, 3);
    assertThat(groupData.universe()).isEqualTo(24 * 24);
    assertThat(groupData.train().pairs()).isEqualTo(modular.train().pairs());
    assertThat(groupData.test().pairs()).isEqualTo(modular.test().pairs());
    for (ModularTask.Side side : List.of(groupData.train(), groupData.test())) {
      for (int row = 0; row < side.size(); row++) {
        assertThat(side.label(row)).isEqualTo(s4.multiply(side.a(row), side.b(row)));
      }
    }
    assertThat(groupData.additive()).isFalse();
    assertThat(ModularTask.split(7, 0.4, 3, group("C7")).additive()).isTrue();
  }

  @Test
  void theRunIdNamesTheGroupAndTheSettingsReadItBack() {
    RunSpec spec = new RunSpec(60, 1.0, 0.5, 1, CONCAT, group("A5"));
    assertThat(spec.canonical()).startsWith("task=group;p=60;wd=1.0;frac=0.5;seed=1;")
        .endsWith(";group=A5");
    Map<String, String> settings = Settings.parse(spec.canonical());
    assertThat(settings).containsEntry("task.name", "group").containsEntry("task.group", "A5")
        .containsEntry(Settings.MODULI, "60");
    assertThat(TaskConfig.of(settings)).isEqualTo(group("A5"));
    // a modular run's word modular-addition reads back as the task's name
    assertThat(Settings.parse(new RunSpec(7, 1.0, 0.5, 1, CONCAT).canonical()))
        .containsEntry("task.name", "modular");
    assertThat(spec.runId()).isNotEqualTo(new RunSpec(60, 1.0, 0.5, 1, CONCAT).runId());
  }

  @Test
  void badGroupSettingsNameTheKeyAndTheValue() {
    assertThatThrownBy(() -> group("S7")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("task.group").hasMessageContaining("S7");
    assertThatThrownBy(() -> group("Q8")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("task.group").hasMessageContaining("Q8");
    assertThatThrownBy(() -> new RunSpec(24, 1.0, 0.5, 1, CONCAT,
        new TaskConfig(GroupComposition.NAME, Operation.SUB, 0.0,
            Map.of(GroupComposition.GROUP.key(), "S4"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("task.operation")
        .hasMessageContaining("sub");
    // the MLP's sum encoding cannot tell (x, y) from (y, x), so it refuses a non-abelian group
    TrainConfig sum = TestRuns.with(CONCAT, Activation.RELU, Encoding.SUM, Precision.FLOAT32);
    assertThatThrownBy(() -> new RunSpec(24, 1.0, 0.5, 1, sum, group("S4")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("task.group")
        .hasMessageContaining("S4 is not commutative");
    assertThat(new RunSpec(7, 1.0, 0.5, 1, sum, group("C7")).runId()).hasSize(16);
    assertThatThrownBy(() -> new TaskConfig("ring", Operation.ADD, 0.0, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("task.name")
        .hasMessageContaining("ring").hasMessageContaining("modular, group");
  }

  @Test
  void aGroupRunWritesItsTaskAndGroupAndIsPartitionedByItsOrder(@TempDir Path dir)
      throws Exception {
    RunSpec spec = new RunSpec(24, 1.0, 0.5, 2, CONCAT, group("S4"),
        new ModelConfig("embed-mlp", 128, 4, 32, 512, 1, false, Map.of("model.embed-dim", 16)));
    RunOutcome outcome = RunExecutor.execute(spec, dir.toString(), "a0", new Configuration());
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(RunStatus.COMPLETED);
    String file = "modulus=24/" + spec.runId() + ".parquet";
    Group result = read(dir.resolve("results/" + file)).get(0);
    assertThat(result.getString("task", 0)).isEqualTo("group");
    assertThat(result.getString("group", 0)).isEqualTo("S4");
    assertThat(result.getInteger("n_train", 0)).isEqualTo(288);
    List<Group> metrics = read(dir.resolve("metrics/" + file));
    assertThat(metrics).hasSize(31);
    // not the additive mechanism: its measures stay empty
    assertThat(metrics).allSatisfy(g ->
        assertThat(g.getFieldRepetitionCount("restricted_loss")).isZero());
  }

  /**
   * C_n indexes its elements by residue, so composition in C_7 is a + b mod 7 pair for pair: a
   * run of it computes exactly what the modular run of p = 7 does, measures included.
   */
  @Test
  void theCyclicGroupTrainsExactlyAsModularAddition(@TempDir Path dir) throws Exception {
    RunSpec cyclic = new RunSpec(7, 1.0, 0.6, 5, CONCAT, group("C7"));
    RunSpec modular = new RunSpec(7, 1.0, 0.6, 5, CONCAT);
    RunExecutor.execute(cyclic, dir.toString(), "a0", new Configuration());
    RunExecutor.execute(modular, dir.toString(), "a0", new Configuration());
    List<Group> a = read(dir.resolve("metrics/modulus=7/" + cyclic.runId() + ".parquet"));
    List<Group> b = read(dir.resolve("metrics/modulus=7/" + modular.runId() + ".parquet"));
    assertThat(a).hasSameSizeAs(b);
    for (int i = 0; i < a.size(); i++) {
      for (String column : List.of("train_loss", "train_acc", "weight_norm", "ipr",
          "restricted_loss", "excluded_loss", "gini_embedding")) {
        int n = a.get(i).getFieldRepetitionCount(column);
        assertThat(n).as(column).isEqualTo(b.get(i).getFieldRepetitionCount(column));
        if (n == 1) {
          assertThat(a.get(i).getDouble(column, 0)).as(column + " at row " + i)
              .isEqualTo(b.get(i).getDouble(column, 0));
        }
      }
    }
    assertThat(a.get(a.size() - 1).getFieldRepetitionCount("restricted_loss")).isEqualTo(1);
  }
}
