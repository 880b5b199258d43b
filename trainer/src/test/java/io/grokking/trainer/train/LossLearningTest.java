package io.grokking.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.LossFunction;
import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.model.mlp.MlpFamily;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.loss.CrossEntropy;
import io.grokking.trainer.loss.Loss;
import io.grokking.trainer.loss.Losses;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.model.ModelFamilies;
import io.grokking.trainer.model.TrainableModel;
import io.grokking.trainer.task.ModularTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A short real run of each loss fits its training split (p = 23, width 64, float32): training
 * accuracy reaches 1; and a model built from a run's configuration measures its train and test
 * loss with the configured loss, not cross-entropy.
 */
class LossLearningTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"CROSS_ENTROPY, mlp, 1e-2", "STABLEMAX, mlp, 1e-2", "MSE, mlp, 1e-2",
      "STABLEMAX, transformer, 3e-3"})
  void aShortRunFitsTheTrainingSplit(LossFunction loss, String family, double lr)
      throws Exception {
    int steps = family.equals(MlpFamily.NAME) ? 400 : 300;
    ModelConfig d = ModelConfig.defaults();
    ModelConfig model = new ModelConfig(family, 32, 2, 16, 64);
    RunSpec spec = new RunSpec(23, 0.01, 0.5, 1,
        TestRuns.train(64, lr, steps, 50).withLoss(loss), TaskConfig.defaults(),
        family.equals(MlpFamily.NAME) ? d : model);
    List<StepMetrics> rows = new ArrayList<>();
    Trainer.Result result = new Trainer(spec, ModelFamilies.model(spec), ModularTask.of(spec))
        .run(rows::add, null);
    rows.stream().filter(StepMetrics::evaluated).forEach(r -> System.out.printf(
        "%s %s %4d train %.4f/%.3f test %.4f/%.3f%n", loss, family, r.step(), r.trainLoss(),
        r.trainAcc(), r.testLoss(), r.testAcc()));

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    int fitted = rows.stream().filter(r -> r.trainAcc() == 1.0).mapToInt(StepMetrics::step)
        .findFirst().orElse(-1);
    assertThat(fitted).as("%s: first step at training accuracy 1", loss).isPositive();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"CROSS_ENTROPY, mlp", "STABLEMAX, mlp", "MSE, mlp", "CROSS_ENTROPY, transformer",
      "STABLEMAX, transformer", "MSE, transformer"})
  void theTrainAndTestPassesOfAModelMeasureTheConfiguredLoss(LossFunction loss,
      String family) {
    RunSpec spec = new RunSpec(23, 0.01, 0.5, 1, TestRuns.train(64, 1e-3, 10, 5).withLoss(loss),
        TaskConfig.defaults(), new ModelConfig(family, 32, 2, 16, 64));
    ModularTask data = ModularTask.of(spec);
    TrainableModel model = ModelFamilies.model(spec);
    // Logits of order 1, larger than the initial draw's: near 0, s(x) ≈ 1 + x ≈ e^x and StableMax
    // would agree with softmax to second order. The MLP's logits scale with the square.
    model.params().muli(family.equals(MlpFamily.NAME) ? 30 : 4);
    for (ModularTask.Side side : List.of(data.train(), data.test())) {
      TrainableModel.Passes passes = model.passes(side);
      INDArray logits = passes.forward();
      double expected = meanRowLoss(Losses.of(loss), logits, side);
      double crossEntropy = meanRowLoss(new CrossEntropy(), logits, side);
      assertThat(passes.loss()).isCloseTo(expected, within(1e-5 * expected));
      if (loss != LossFunction.CROSS_ENTROPY) {
        assertThat(Math.abs(expected - crossEntropy)).as("distinguishable from cross-entropy")
            .isGreaterThan(1e-3 * expected);
      }
    }
  }

  private static double meanRowLoss(Loss loss, INDArray logits, ModularTask.Side side) {
    double sum = 0;
    double[] grad = new double[(int) logits.columns()];
    for (int i = 0; i < side.size(); i++) {
      sum += loss.row(logits.getRow(i).castTo(DataType.DOUBLE).toDoubleVector(), side.label(i),
          grad);
    }
    return sum / side.size();
  }
}
