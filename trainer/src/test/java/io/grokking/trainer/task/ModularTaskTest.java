package io.grokking.trainer.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModularTaskTest {

  @ParameterizedTest
  @CsvSource({"7, 0.5, 0", "13, 0.3, 42", "23, 0.75, 42", "97, 0.5, 7"})
  void splitIsDeterministicDisjointAndComplete(int p, double frac, long seed) {
    ModularTask one = ModularTask.split(p, frac, seed);
    ModularTask two = ModularTask.split(p, frac, seed);
    assertThat(one.train().pairs()).isEqualTo(two.train().pairs());
    assertThat(one.test().pairs()).isEqualTo(two.test().pairs());

    Set<Integer> train = new HashSet<>(Arrays.stream(one.train().pairs()).boxed().toList());
    Set<Integer> test = new HashSet<>(Arrays.stream(one.test().pairs()).boxed().toList());
    assertThat(train).doesNotContainAnyElementsOf(test);
    assertThat(train.size() + test.size()).isEqualTo(p * p);
    assertThat(train).hasSize((int) Math.rint(frac * p * p)); // half to even, as Python
  }

  @ParameterizedTest
  @CsvSource({"13, 0.5"})
  void anotherSeedGivesAnotherSplit(int p, double frac) {
    assertThat(ModularTask.split(p, frac, 1).train().pairs())
        .isNotEqualTo(ModularTask.split(p, frac, 2).train().pairs());
  }

  @ParameterizedTest
  @CsvSource({"11, 0.5, 3"})
  void labelsAreTheSumModP(int p, double frac, long seed) {
    ModularTask.Side side = ModularTask.split(p, frac, seed).train();
    for (int i = 0; i < side.size(); i++) {
      assertThat(side.label(i)).isEqualTo((side.a(i) + side.b(i)) % p);
      assertThat(side.a(i) * p + side.b(i)).isEqualTo(side.pairs()[i]);
    }
  }
}
