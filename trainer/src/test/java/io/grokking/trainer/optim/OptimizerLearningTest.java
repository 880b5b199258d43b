package io.grokking.trainer.optim;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.OptimizerConfig;
import io.grokking.trainer.config.OptimizerConfig.DecayToward;
import io.grokking.trainer.config.OptimizerConfig.Filter;
import io.grokking.trainer.config.OptimizerConfig.Kind;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.model.mlp.MlpModel;
import io.grokking.trainer.task.ModularTask;
import io.grokking.trainer.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A short real p = 11 MLP run of every optimizer and filter stays finite and fits its data. */
class OptimizerLearningTest {

  static Stream<Arguments> configs() {
    return Stream.of(
        Arguments.of(Kind.ADAM, 0.0, DecayToward.ZERO, Filter.NONE, 1e-2),
        Arguments.of(Kind.SGD, 0.9, DecayToward.ZERO, Filter.NONE, 0.5),
        Arguments.of(Kind.SGD, 0.0, DecayToward.INIT, Filter.NONE, 2.0),
        Arguments.of(Kind.ADAMW, 0.0, DecayToward.INIT, Filter.NONE, 1e-2),
        Arguments.of(Kind.ADAMW, 0.0, DecayToward.ZERO, Filter.GROKFAST_EMA, 1e-2),
        Arguments.of(Kind.ADAMW, 0.0, DecayToward.ZERO, Filter.GROKFAST_MA, 1e-2),
        Arguments.of(Kind.ADAMW, 0.0, DecayToward.ZERO, Filter.ORTHOGONAL, 1e-2));
  }

  @ParameterizedTest
  @MethodSource("configs")
  void aShortRunLowersTheTrainingLoss(Kind kind, double momentum, DecayToward toward,
      Filter filter, double lr) throws Exception {
    OptimizerConfig o = new OptimizerConfig(kind, momentum, toward, filter, 0.98, Double.NaN, 10);
    TrainConfig t = TestRuns.train(64, lr, 200, 50);
    // Init scale 1: from the default 0.1 the tiny initial gradients leave plain SGD, and ⊥Grad
    // (which forbids growing the weights), barely moving in a few hundred steps.
    t = new TrainConfig(t.width(), t.learningRate(), t.steps(), t.activation(), t.encoding(),
        t.evalEvery(), t.warmupSteps(), t.beta1(), t.beta2(), t.epsilon(), 1.0, t.precision(),
        false, t.stopThreshold(), t.stopWindow(), t.threads(), 0);
    RunSpec spec = new RunSpec(11, 0.01, 0.6, 1, t,
        TaskConfig.defaults(), ModelConfig.defaults(), o);
    List<StepMetrics> rows = new ArrayList<>();
    Trainer.Result result = new Trainer(spec, MlpModel.create(spec), ModularTask.of(spec))
        .run(rows::add, null);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    double first = rows.get(0).trainLoss();
    double last = rows.get(rows.size() - 1).trainLoss();
    assertThat(last).as("%s: final train loss vs initial %s", o.canonicalSuffix(), first)
        .isFinite().isLessThan(first * 0.5);
  }
}
