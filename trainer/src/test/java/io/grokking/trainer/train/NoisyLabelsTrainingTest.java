package io.grokking.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.model.mlp.MlpFamily;
import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.Operation;
import io.grokking.trainer.config.Precision;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.model.mlp.Batch;
import io.grokking.trainer.model.mlp.ModularMlp;
import io.grokking.trainer.model.mlp.UniqueRows;
import io.grokking.trainer.task.ModularTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

/** The trainer trains on, and measures against, the labels the task hands it, noisy or not. */
class NoisyLabelsTrainingTest {

  @Test
  void theBatchCarriesTheNoisyLabels() {
    ModularTask task = ModularTask.split(11, 0.5, 3, new TaskConfig(Operation.ADD, 0.3));
    Batch batch = Batch.of(task.train(), Encoding.SUM, DataType.FLOAT);
    assertThat(batch.labels()).isEqualTo(task.train().labels());
  }

  /**
   * Under the sum encoding (a, b) and (b, a) share a row only if they share a label, so a mirror
   * whose label noise changed stays a row of its own and every batch row keeps its label: the
   * weighted loss over distinct rows is still the full-batch loss.
   */
  @Test
  void mirroredPairsWithDifferentNoisyLabelsStayApart() {
    int p = 7;
    int[] all = IntStream.range(0, p * p).toArray();
    ModularTask.Side clean = ModularTask.Side.of(p, Operation.ADD, all);
    int[] labels = clean.labels().clone();
    labels[1 * p + 2] = (labels[1 * p + 2] + 3) % p; // (1, 2) gets a wrong label, (2, 1) not
    Batch batch = Batch.of(new ModularTask.Side(p, clean.rule(), all, labels), Encoding.SUM,
        DataType.FLOAT);
    UniqueRows unique = UniqueRows.of(batch);
    for (int i = 0; i < batch.size(); i++) {
      assertThat(unique.labels()[unique.rowOf()[i]]).isEqualTo(batch.labels()[i]);
    }
    assertThat(unique.rowOf()[1 * p + 2]).isNotEqualTo(unique.rowOf()[2 * p + 1]);
    assertThat(unique.rowOf()[1 * p + 3]).isEqualTo(unique.rowOf()[3 * p + 1]);
    assertThat(Arrays.stream(unique.weights()).sum()).isEqualTo(p * p);
    // 7 diagonal rows, 21 mirrored pairs, and the one pair the noise split in two.
    assertThat(unique.size()).isEqualTo(7 + 21 + 1);
  }

  @ParameterizedTest
  @EnumSource(value = Encoding.class)
  void trainLossIsMeasuredAgainstTheNoisyLabels(Encoding encoding) throws Exception {
    RunSpec spec = new RunSpec(11, 1.0, 0.6, 2, TestRuns.with(TestRuns.train(16, 1e-2, 1, 1),
        Activation.RELU, encoding, Precision.FLOAT64), new TaskConfig(Operation.MUL, 0.5));
    ModularTask task = ModularTask.of(spec);
    MultiLayerNetwork net = ModularMlp.create(spec);
    Batch batch = Batch.of(task.train(), encoding, DataType.DOUBLE);
    double[][] probabilities = net.output(batch.x()).toDoubleMatrix();
    double noisy = 0;
    double clean = 0;
    for (int i = 0; i < batch.size(); i++) {
      noisy -= Math.log(probabilities[i][task.train().label(i)]);
      clean -= Math.log(probabilities[i][task.train().cleanLabel(i)]);
    }
    noisy /= batch.size();
    clean /= batch.size();

    List<StepMetrics> rows = new ArrayList<>();
    new Trainer(spec, MlpFamily.model(spec, net), task).run(rows::add, null);
    assertThat(rows.get(0).trainLoss()).isCloseTo(noisy, within(1e-9));
    assertThat(Math.abs(noisy - clean)).isGreaterThan(1e-6);
  }

  @Test
  void noiseLeavesTheInitialWeightsAlone() {
    RunSpec clean = new RunSpec(11, 1.0, 0.5, 4, TestRuns.train(16, 1e-3, 1, 1));
    RunSpec noisy = new RunSpec(11, 1.0, 0.5, 4, TestRuns.train(16, 1e-3, 1, 1),
        new TaskConfig(Operation.ADD, 0.4));
    assertThat(ModularMlp.create(noisy).params()).isEqualTo(ModularMlp.create(clean).params());
  }

  @Test
  void allPairLogitsRefuseATaskThatLeavesInputsOut() {
    ModularTask div = ModularTask.split(7, 0.5, 0, new TaskConfig(Operation.DIV, 0.0));
    assertThatThrownBy(() -> new AllPairLogits(div, DataType.FLOAT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("all-pair logits need the two sides to cover all p² = 49 inputs, found 42 "
            + "pairs (div)");
  }
}
