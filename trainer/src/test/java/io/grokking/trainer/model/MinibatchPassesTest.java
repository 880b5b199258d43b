package io.grokking.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.Precision;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.model.embedmlp.EmbedMlpFamily;
import io.grokking.trainer.model.mlp.MlpFamily;
import io.grokking.trainer.model.transformer.TransformerFamily;
import io.grokking.trainer.task.ModularTask;
import io.grokking.trainer.train.batch.ShuffledBatches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every family's minibatch passes, refilled batch after batch, give the loss, accuracy and
 * gradient of that family's ordinary passes made afresh over a side of just the batch's rows:
 * bit for bit where both sum in the same order, to 1e-12 where the MLP's ordinary passes under
 * the sum encoding fold the repeated rows (b, a) into (a, b) and so sum in another order. The
 * batches are the first five of a shuffled run of p = 11 at fraction 0.5 (60 pairs) in batches of
 * 16: three of 16, the epoch's last of 12, then the next epoch's first of 16, so both passes are
 * refilled after serving another.
 */
class MinibatchPassesTest {
  private static final int P = 11;
  private static final int BATCH = 16;
  private static final double TOLERANCE = 1e-12;

  private static TrainConfig train(Activation activation, Encoding encoding) {
    return TestRuns.with(TestRuns.train(16, 1e-3, 10, 5), activation, encoding,
        Precision.FLOAT64);
  }

  private static ModelConfig model(String family, int depth, boolean bias,
      Map<String, Object> options) {
    return new ModelConfig(family, 16, 2, 8, 32, depth, bias, options);
  }

  static Stream<Arguments> families() {
    TrainConfig relu = train(Activation.RELU, Encoding.SUM);
    return Stream.of(
        arguments("He et al.'s MLP, sum encoding", relu, model(MlpFamily.NAME, 1, false,
            Map.of()), false),
        arguments("He et al.'s MLP, concat encoding, x²",
            train(Activation.QUAD, Encoding.CONCAT), model(MlpFamily.NAME, 1, false, Map.of()),
            true),
        arguments("the general MLP, two layers with biases, gelu",
            train(Activation.GELU, Encoding.SUM), model(MlpFamily.NAME, 2, true, Map.of()),
            false),
        arguments("the transformer, one block", relu, model(TransformerFamily.NAME, 1, false,
            Map.of(TransformerFamily.LAYERS.key(), 1)), true),
        arguments("the transformer, two blocks", relu, model(TransformerFamily.NAME, 1, false,
            Map.of(TransformerFamily.LAYERS.key(), 2)), true),
        arguments("the embedding MLP", relu, model(EmbedMlpFamily.NAME, 1, false,
            Map.of(EmbedMlpFamily.EMBED_DIM.key(), 8)), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void aMinibatchStepIsTheFullBatchStepOnASideOfJustItsRows(String name, TrainConfig train,
      ModelConfig model, boolean sameOrder) {
    RunSpec spec = new RunSpec(P, 1.0, 0.5, 3, train, TaskConfig.defaults(), model);
    ModularTask data = ModularTask.of(spec);
    ModularTask.Side side = data.train();
    assertThat(side.size()).isEqualTo(60);
    TrainableModel net = ModelFamilies.model(spec);
    TrainableModel.BatchPasses full = net.batchPasses(side, BATCH);
    TrainableModel.BatchPasses last = net.batchPasses(side, side.size() % BATCH);
    ShuffledBatches batches = ShuffledBatches.start(spec.seed(), side.size(), BATCH);

    List<double[]> gradients = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      int[] rows = batches.next();
      TrainableModel.BatchPasses pass = rows.length == BATCH ? full : last;
      assertThat(rows).hasSize(k == 3 ? 12 : BATCH);
      pass.select(rows);
      pass.forward();
      double loss = pass.loss();
      double accuracy = pass.accuracy();
      double[] logits = pass.logits().dup().data().asDouble();
      pass.backward();
      double[] gradient = net.gradient().toDoubleVector();

      TrainableModel.Passes fresh = net.passes(Minibatch.rowsOf(side, rows));
      fresh.forward();
      fresh.backward();
      double[] expected = net.gradient().toDoubleVector();

      assertThat(accuracy).as("batch %d accuracy", k).isEqualTo(fresh.accuracy());
      if (sameOrder) {
        assertThat(loss).as("batch %d loss", k).isEqualTo(fresh.loss());
        assertThat(gradient).as("batch %d gradient", k).containsExactly(expected);
        assertThat(logits).as("batch %d logits", k)
            .containsExactly(fresh.logits().dup().data().asDouble());
      } else {
        assertThat(Math.abs(loss - fresh.loss())).as("batch %d loss", k)
            .isLessThanOrEqualTo(TOLERANCE);
        assertThat(maxDifference(gradient, expected)).as("batch %d gradient", k)
            .isLessThanOrEqualTo(TOLERANCE);
      }
      assertThat(maxDifference(gradient, new double[gradient.length])).as("a real gradient")
          .isGreaterThan(1e-6);
      gradients.add(gradient);
    }
    assertThat(maxDifference(gradients.get(0), gradients.get(4)))
        .as("another batch, another gradient").isGreaterThan(1e-6);
  }

  private static double maxDifference(double[] a, double[] b) {
    assertThat(a).hasSameSizeAs(b);
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void aBatchOfTheWrongSizeIsRefused(String name, TrainConfig train, ModelConfig model,
      boolean sameOrder) {
    RunSpec spec = new RunSpec(P, 1.0, 0.5, 3, train, TaskConfig.defaults(), model);
    ModularTask.Side side = ModularTask.of(spec).train();
    TrainableModel.BatchPasses pass = ModelFamilies.model(spec).batchPasses(side, BATCH);
    int[] rows = new int[BATCH - 1];
    Arrays.setAll(rows, i -> i);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> pass.select(rows))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batches of " + BATCH + " rows, found " + (BATCH - 1));
  }
}
