package io.grokking.trainer.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.config.Operation;
import io.grokking.trainer.config.TaskConfig;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The pair universe, the split and the labels of every operation. */
class ModularTaskOperationsTest {

  /**
   * Pinned from {@code ModularAddition.split} at commit dde79ed, before tasks existed: the PyTorch
   * peer parity and the He et al. reproduction depend on addition's split staying this one.
   */
  @Test
  void addWithoutNoiseKeepsTheSplitOfModularAddition() {
    ModularTask p7 = ModularTask.split(7, 0.5, 0, TaskConfig.defaults());
    assertThat(p7.train().pairs()).containsExactly(11, 16, 43, 13, 47, 8, 41, 38, 20, 12, 48, 31,
        35, 1, 37, 39, 2, 29, 3, 22, 40, 44, 30, 45);
    assertThat(p7.test().pairs()).containsExactly(10, 42, 33, 24, 18, 17, 4, 0, 9, 26, 21, 46, 15,
        27, 36, 19, 25, 34, 5, 6, 23, 32, 7, 14, 28);
    assertThat(ModularTask.split(11, 0.3, 3).train().pairs()).containsExactly(86, 9, 5, 0, 95, 1,
        21, 72, 25, 44, 38, 12, 81, 114, 7, 108, 106, 63, 52, 99, 15, 50, 100, 65, 120, 51, 103,
        97, 6, 19, 27, 32, 45, 34, 88, 107);
    assertThat(Arrays.copyOf(ModularTask.split(23, 0.75, 42).train().pairs(), 12))
        .containsExactly(384, 228, 234, 461, 505, 104, 525, 237, 388, 42, 275, 177);
  }

  @ParameterizedTest
  @CsvSource({"7, 0.5, 0", "11, 0.3, 5", "13, 0.8, 42"})
  void divisionHasThePairsWithANonZeroDivisorAndTheirQuotients(int p, double frac, long seed) {
    ModularTask task = ModularTask.split(p, frac, seed, new TaskConfig(Operation.DIV, 0.0));
    assertThat(task.universe()).isEqualTo(p * (p - 1));
    assertThat(task.train().size()).isEqualTo((int) Math.rint(frac * p * (p - 1)));
    Set<Integer> train = set(task.train().pairs());
    Set<Integer> test = set(task.test().pairs());
    assertThat(train).doesNotContainAnyElementsOf(test);
    Set<Integer> expected = new HashSet<>();
    for (int a = 0; a < p; a++) {
      for (int b = 1; b < p; b++) {
        expected.add(a * p + b);
      }
    }
    Set<Integer> both = new HashSet<>(train);
    both.addAll(test);
    assertThat(both).isEqualTo(expected);
    assertThat(task.train().size() + task.test().size()).isEqualTo(p * (p - 1));
    for (ModularTask.Side side : new ModularTask.Side[] {task.train(), task.test()}) {
      for (int i = 0; i < side.size(); i++) {
        assertThat(side.b(i)).isNotZero();
        assertThat(side.label(i) * side.b(i) % p).isEqualTo(side.a(i));
      }
    }
  }

  /** Each label against the operation's formula written out here, over every pair of p = 11. */
  @ParameterizedTest
  @EnumSource(Operation.class)
  void everyLabelIsTheOperationsFormula(Operation op) {
    int p = 11;
    ModularTask task = ModularTask.split(p, 0.5, 2, new TaskConfig(op, 0.0));
    for (ModularTask.Side side : new ModularTask.Side[] {task.train(), task.test()}) {
      for (int i = 0; i < side.size(); i++) {
        int a = side.a(i);
        int b = side.b(i);
        int expected = switch (op) {
          case ADD -> (a + b) % p;
          case SUB -> Math.floorMod(a - b, p);
          case MUL -> a * b % p;
          case DIV -> a * IntStream.range(1, p).filter(x -> x * b % p == 1).findFirst()
              .getAsInt() % p;
          case X2_PLUS_Y2 -> (a * a + b * b) % p;
          case X2_PLUS_XY_PLUS_Y2 -> (a * a + a * b + b * b) % p;
          case X3_PLUS_XY -> (a * a * a + a * b) % p;
        };
        assertThat(side.label(i)).as("%s(%d, %d) mod %d", op.key(), a, b, p).isEqualTo(expected);
        assertThat(side.cleanLabel(i)).isEqualTo(expected);
      }
    }
  }

  /** Worked by hand: e.g. x3+xy at (4, 6) is 64 + 24 = 88 = 12·7 + 4. */
  @ParameterizedTest
  @CsvSource({"x3+xy, 4, 6, 4", "x3+xy, 5, 1, 4", "x3+xy, 3, 2, 5", "x3+xy, 2, 3, 0",
      "sub, 2, 5, 4", "mul, 3, 5, 1", "div, 3, 5, 2", "x2+y2, 3, 4, 4", "x2+xy+y2, 2, 3, 5"})
  void handWorkedLabelsAtP7(String key, int a, int b, int label) {
    Operation op = Operation.parse(TaskConfig.OPERATION_KEY, key);
    assertThat(op.apply(a, b, 7)).isEqualTo(label);
    ModularTask task = ModularTask.split(7, 0.5, 0, new TaskConfig(op, 0.0));
    assertThat(labelOf(task, a * 7 + b)).isEqualTo(label);
  }

  @Test
  void everyOperationWithP2PairsSharesAdditionsSplit() {
    int[] add = ModularTask.split(13, 0.4, 8).train().pairs();
    for (Operation op : Operation.values()) {
      if (!op.excludesZeroDivisor()) {
        assertThat(ModularTask.split(13, 0.4, 8, new TaskConfig(op, 0.0)).train().pairs())
            .as(op.key()).isEqualTo(add);
      }
    }
  }

  private static int labelOf(ModularTask task, int pair) {
    for (ModularTask.Side side : new ModularTask.Side[] {task.train(), task.test()}) {
      for (int i = 0; i < side.size(); i++) {
        if (side.pairs()[i] == pair) {
          return side.label(i);
        }
      }
    }
    throw new AssertionError("pair " + pair + " is in neither side");
  }

  static Set<Integer> set(int[] values) {
    return new HashSet<>(Arrays.stream(values).boxed().toList());
  }
}
