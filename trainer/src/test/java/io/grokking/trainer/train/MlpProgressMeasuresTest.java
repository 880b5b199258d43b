package io.grokking.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.model.mlp.MlpFamily;
import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.model.mlp.FourierProbe;
import io.grokking.trainer.model.mlp.ModularMlp;
import io.grokking.trainer.task.ModularTask;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/**
 * Nanda et al. 2023's progress measures (Sec. 5.1) on a real grokking run of He et al.'s MLP at
 * p = 59 (width 128, lr 3e-3, weight decay 0.3, fraction 0.4, seed 0: train accuracy 0.9 at step
 * ~160, test accuracy 0.9 at ~1 750). With the key frequencies chosen by energy ({@link
 * io.grokking.trainer.fourier.FourierSummary#KEY_ENERGY_MULTIPLE}) the restricted loss falls far
 * below chance, ln p, long before the test loss does, and the excluded loss rises above the
 * training loss while the run generalizes: the circuit forms during the plateau, and the
 * network's fit of the training set comes to rest on it.
 */
class MlpProgressMeasuresTest {
  static final int P = 59;
  static final int STEPS = 2000;

  @Test
  void restrictedLossFallsBeforeTheTestLossAndExcludedLossRisesAboveTheTrainingLoss()
      throws Exception {
    RunSpec spec = TestRuns.spec(P, 0.3, 0.4, 0, TestRuns.train(128, 3e-3, STEPS, 50));
    MultiLayerNetwork net = ModularMlp.create(spec);
    ModularTask data = ModularTask.of(spec);
    FourierProbe probe = FourierProbe.of(data, Encoding.SUM);
    List<StepMetrics> rows = new ArrayList<>();
    new Trainer(spec, MlpFamily.model(spec, net), data).run(rows::add, (row, logits) -> probe.measure(row, net, logits));
    List<StepMetrics> evaluated = rows.stream().filter(StepMetrics::evaluated).toList();
    evaluated.stream().filter(r -> r.step() % 100 == 0).forEach(r -> System.out.printf(
        "%5d train %.4f/%.3f test %.3f/%.3f restricted %.4f excluded %.3f sparsity %.3f%n",
        r.step(), r.trainLoss(), r.trainAcc(), r.testLoss(), r.testAcc(), r.restrictedLoss(),
        r.excludedLoss(), r.fourierSparsity()));

    double chance = Math.log(P);
    double far = chance / 4;
    Integer restrictedLow = firstStep(evaluated, r -> r.restrictedLoss() < far);
    Integer testLow = firstStep(evaluated, r -> r.testLoss() < far);
    Integer generalizing = firstStep(evaluated, r -> r.testAcc() >= 0.9);
    System.out.printf("restricted < ln(p)/4 at %s, test loss < ln(p)/4 at %s, test acc 0.9 at %s%n",
        restrictedLow, testLow, generalizing);

    assertThat(generalizing).as("the run generalizes within the budget").isNotNull();
    assertThat(restrictedLow).as("the restricted loss falls far below chance").isNotNull();
    assertThat(testLow).as("the test loss falls far below chance").isNotNull();
    assertThat(restrictedLow).as("restricted loss first, by hundreds of steps")
        .isLessThanOrEqualTo(testLow - 500);
    List<StepMetrics> after = evaluated.stream().filter(r -> r.step() >= generalizing).toList();
    assertThat(after).allSatisfy(r -> assertThat(r.excludedLoss())
        .as("excluded loss at step %d", r.step()).isGreaterThan(r.trainLoss() + 1));
    StepMetrics fitted = evaluated.stream().filter(r -> r.trainAcc() >= 0.9).findFirst()
        .orElseThrow();
    assertThat(evaluated.get(evaluated.size() - 1).excludedLoss())
        .as("the excluded loss rose from when the training set was fitted")
        .isGreaterThan(fitted.excludedLoss());
  }

  private static Integer firstStep(List<StepMetrics> rows,
      java.util.function.Predicate<StepMetrics> condition) {
    return rows.stream().filter(condition).map(StepMetrics::step).findFirst().orElse(null);
  }
}
