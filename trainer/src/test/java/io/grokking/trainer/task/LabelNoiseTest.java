package io.grokking.trainer.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.config.Operation;
import io.grokking.trainer.config.TaskConfig;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Label noise after Doshi et al. 2023: its share of training labels, wrong, and nothing else. */
class LabelNoiseTest {

  @ParameterizedTest
  @CsvSource({"add, 11, 0.5, 0.1, 3", "add, 13, 0.7, 0.5, 0", "div, 11, 0.6, 0.25, 9",
      "x3+xy, 7, 0.5, 0.99, 1", "sub, 13, 0.3, 0.02, 4"})
  void exactlyTheShareOfTrainingLabelsIsWrongAndNoTestLabel(String key, int p, double frac,
      double noise, long seed) {
    Operation op = Operation.parse(TaskConfig.OPERATION_KEY, key);
    ModularTask task = ModularTask.split(p, frac, seed, new TaskConfig(op, noise));
    ModularTask.Side train = task.train();
    int wrong = 0;
    for (int i = 0; i < train.size(); i++) {
      assertThat(train.label(i)).isBetween(0, p - 1);
      if (train.label(i) != train.cleanLabel(i)) {
        wrong++;
      }
    }
    // Half to even, as the split: every changed label is changed to a wrong class.
    assertThat(wrong).isEqualTo((int) Math.rint(noise * train.size()));
    ModularTask.Side test = task.test();
    for (int i = 0; i < test.size(); i++) {
      assertThat(test.label(i)).isEqualTo(test.cleanLabel(i));
    }
  }

  @Test
  void theSeedFixesTheNoisyLabels() {
    TaskConfig noisy = new TaskConfig(Operation.MUL, 0.3);
    assertThat(ModularTask.split(13, 0.5, 7, noisy).train().labels())
        .isEqualTo(ModularTask.split(13, 0.5, 7, noisy).train().labels());
    // Another seed has another split as well, so compare the corrupted (pair, label) sets.
    assertThat(corrupted(ModularTask.split(13, 0.5, 8, noisy)))
        .isNotEqualTo(corrupted(ModularTask.split(13, 0.5, 7, noisy)));
  }

  @Test
  void noiseChangesNeitherTheSplitNorTheTestSide() {
    ModularTask clean = ModularTask.split(11, 0.6, 5, new TaskConfig(Operation.ADD, 0.0));
    ModularTask noisy = ModularTask.split(11, 0.6, 5, new TaskConfig(Operation.ADD, 0.4));
    assertThat(noisy.train().pairs()).isEqualTo(clean.train().pairs());
    assertThat(noisy.test().pairs()).isEqualTo(clean.test().pairs());
    assertThat(noisy.test().labels()).isEqualTo(clean.test().labels());
    assertThat(noisy.train().labels()).isNotEqualTo(clean.train().labels());
  }

  @Test
  void aShareThatRoundsToNoRowChangesNothing() {
    // p = 7, 0.5: 24 training rows; 0.01 · 24 = 0.24 rounds to 0.
    ModularTask task = ModularTask.split(7, 0.5, 0, new TaskConfig(Operation.ADD, 0.01));
    assertThat(task.train().labels())
        .isEqualTo(ModularTask.split(7, 0.5, 0).train().labels());
  }

  /** pair · p + label of every training row whose label is wrong. */
  private static Set<Integer> corrupted(ModularTask task) {
    Set<Integer> pairs = new HashSet<>();
    ModularTask.Side train = task.train();
    for (int i = 0; i < train.size(); i++) {
      if (train.label(i) != train.cleanLabel(i)) {
        pairs.add(train.pairs()[i] * task.modulus() + train.label(i));
      }
    }
    return pairs;
  }
}
