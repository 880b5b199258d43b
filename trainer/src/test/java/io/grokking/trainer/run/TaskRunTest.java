package io.grokking.trainer.run;

import static io.grokking.trainer.run.RunExecutorTest.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.Operation;
import io.grokking.trainer.config.Precision;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.metrics.RunStatus;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs of other tasks end to end: the measures of the additive mechanism are left empty, the
 * descriptive Fourier measures are set, and the result row names the task.
 */
class TaskRunTest {
  private static final TrainConfig CONCAT = TestRuns.with(TestRuns.train(32, 1e-2, 40, 10),
      Activation.RELU, Encoding.CONCAT, Precision.FLOAT32);

  @Test
  void divisionSkipsTheAdditiveMeasuresAndKeepsTheDescriptiveOnes(@TempDir Path dir)
      throws Exception {
    RunSpec spec = new RunSpec(11, 1.0, 0.5, 4, CONCAT, new TaskConfig(Operation.DIV, 0.1));
    RunOutcome outcome = RunExecutor.execute(spec, dir.toString(), "a0", new Configuration());
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(RunStatus.COMPLETED);

    String file = "modulus=11/" + spec.runId() + ".parquet";
    List<Group> metrics = read(dir.resolve("metrics/" + file));
    List<Group> evaluated = metrics.stream()
        .filter(g -> g.getFieldRepetitionCount("test_acc") == 1).toList();
    assertThat(evaluated).hasSize(5);
    assertThat(evaluated).allSatisfy(g -> {
      assertThat(g.getDouble("ipr", 0)).isBetween(1.0 / 5, 1.0);
      assertThat(g.getInteger("n_frequencies", 0)).isBetween(1, 5);
      assertThat(g.getDouble("fourier_sparsity", 0)).isBetween(0.0, 1.0);
    });
    assertThat(metrics).allSatisfy(g -> {
      assertThat(g.getFieldRepetitionCount("phase_misalignment")).isZero();
      assertThat(g.getFieldRepetitionCount("restricted_loss")).isZero();
      assertThat(g.getFieldRepetitionCount("excluded_loss")).isZero();
    });

    List<Group> neurons = read(dir.resolve("neurons/" + file));
    assertThat(neurons).hasSize(2 * 32).allSatisfy(g -> {
      assertThat(g.getInteger("frequency", 0)).isBetween(1, 5);
      assertThat(g.getFieldRepetitionCount("predicted_frequency")).isZero();
      assertThat(g.getFieldRepetitionCount("predicted_frequency_product")).isZero();
    });
    assertThat(read(dir.resolve("spectra/" + file))).hasSize(6 * 5);

    Group result = read(dir.resolve("results/" + file)).get(0);
    assertThat(result.getString("operation", 0)).isEqualTo("div");
    assertThat(result.getDouble("label_noise", 0)).isEqualTo(0.1);
    assertThat(result.getInteger("n_train", 0)).isEqualTo(55); // half of 11 · 10
    assertThat(result.getInteger("n_test", 0)).isEqualTo(55);
    assertThat(result.getString("key_frequencies", 0)).isNotEmpty();
    assertThat(result.getFieldRepetitionCount("lottery_ticket_hit_rate")).isZero();
    assertThat(result.getFieldRepetitionCount("lottery_ticket_product_hit_rate")).isZero();
    assertThat(result.getFieldRepetitionCount("lottery_ticket_chance")).isZero();
    assertThat(result.getFieldRepetitionCount("majority_voting")).isZero();
  }

  @Test
  void theResultRowCarriesEverySetting(@TempDir Path dir) throws Exception {
    RunSpec spec = new RunSpec(7, 0.5, 0.6, 1, TestRuns.train(16, 1e-2, 20, 10));
    RunExecutor.execute(spec, dir.toString(), "a0", new Configuration());
    Group result = read(dir.resolve("results/modulus=7/" + spec.runId() + ".parquet")).get(0);
    TrainConfig t = spec.train();
    assertThat(result.getInteger("eval_every", 0)).isEqualTo(10);
    assertThat(result.getInteger("warmup_steps", 0)).isEqualTo(t.warmupSteps());
    assertThat(result.getDouble("beta1", 0)).isEqualTo(t.beta1());
    assertThat(result.getDouble("beta2", 0)).isEqualTo(t.beta2());
    assertThat(result.getDouble("epsilon", 0)).isEqualTo(t.epsilon());
    assertThat(result.getDouble("init_scale", 0)).isEqualTo(t.initScale());
    assertThat(result.getBoolean("stop_after_grok", 0)).isFalse();
    assertThat(result.getDouble("stop_threshold", 0)).isEqualTo(t.stopThreshold());
    assertThat(result.getInteger("stop_window", 0)).isEqualTo(t.stopWindow());
    assertThat(result.getString("operation", 0)).isEqualTo("add");
    assertThat(result.getDouble("label_noise", 0)).isZero();
    // Addition keeps every mechanistic measure.
    assertThat(result.getFieldRepetitionCount("lottery_ticket_hit_rate")).isOne();
    assertThat(result.getFieldRepetitionCount("lottery_ticket_product_hit_rate")).isOne();
    assertThat(result.getFieldRepetitionCount("majority_voting")).isOne();
  }
}
