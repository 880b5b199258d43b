package io.grokking.trainer.task;

import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.config.Operation;
import io.grokking.trainer.config.Settings;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TaskSpec;
import java.util.List;
import java.util.Map;
import java.util.function.IntBinaryOperator;

/**
 * Power et al. 2022's binary operations mod p ({@code task.name = modular}, the default): the
 * pair (a, b) of residues is labelled op(a, b) mod p, the task's size is the modulus, and the
 * grid's {@code sweep.moduli} lists the moduli. Its run ids begin {@code task=modular-addition;p=P},
 * as every run id written before tasks were registered does.
 */
public final class ModularArithmetic implements TaskSpec {
  /** The word every modular run id begins with, kept from before tasks were registered. */
  static final String WORD = "modular-addition";

  @Override
  public String name() {
    return TaskConfig.DEFAULT_NAME;
  }

  @Override
  public List<String> aliases() {
    return List.of(WORD);
  }

  @Override
  public List<Integer> sizes(TaskConfig task, List<Integer> moduli) {
    return moduli;
  }

  @Override
  public boolean readsModuli() {
    return true;
  }

  @Override
  public String identity(int size) {
    return "task=" + WORD + ";p=" + size;
  }

  @Override
  public void checkFits(TaskConfig task, int modulus) {
    ConfigException.check(modulus >= 3, Settings.MODULI, "integers >= 3", modulus);
    if (task.operation() == Operation.DIV && !Operation.isPrime(modulus)) {
      throw new ConfigException(TaskConfig.OPERATION_KEY, "div needs a prime modulus (every"
          + " b ≠ 0 must have an inverse mod p), found p = " + modulus);
    }
  }

  /** Every pair, except for {@code div}, whose pairs leave out b = 0. */
  @Override
  public int[] universe(TaskConfig task, int modulus) {
    boolean noZero = task.operation().excludesZeroDivisor();
    int[] pairs = new int[modulus * (noZero ? modulus - 1 : modulus)];
    int n = 0;
    for (int a = 0; a < modulus; a++) {
      for (int b = noZero ? 1 : 0; b < modulus; b++) {
        pairs[n++] = a * modulus + b;
      }
    }
    return pairs;
  }

  @Override
  public IntBinaryOperator labels(TaskConfig task, int modulus) {
    Operation op = task.operation();
    return (a, b) -> op.apply(a, b, modulus);
  }

  @Override
  public boolean commutative(TaskConfig task) {
    return task.operation().commutative();
  }

  @Override
  public Map.Entry<String, String> labelSetting(TaskConfig task) {
    return Map.entry(TaskConfig.OPERATION_KEY, task.operation().key());
  }

  @Override
  public boolean additive(TaskConfig task) {
    return task.operation().additiveMechanism();
  }

  private static final Map<String, String> NAMES = Map.of("add", "addition", "sub",
      "subtraction", "mul", "multiplication", "div", "division");

  private static final Map<String, String> FORMULAS = Map.of("add", "a+b", "sub", "a−b",
      "mul", "a·b", "div", "a/b", "x2+y2", "a²+b²", "x2+xy+y2", "a²+ab+b²", "x3+xy", "a³+ab");

  /** The operations of {@code tasks} in declared order, named by their keys. */
  private static List<String> operations(List<TaskConfig> tasks) {
    return tasks.stream().map(TaskConfig::operation).distinct().sorted().map(Operation::key)
        .toList();
  }

  /** {@code modular addition, subtraction}: the operations in declared order. */
  @Override
  public String title(List<TaskConfig> tasks) {
    List<String> operations = operations(tasks);
    return operations.isEmpty() ? "modular arithmetic" : "modular " + String.join(", ",
        operations.stream().map(o -> NAMES.getOrDefault(o, o)).toList());
  }

  /** {@code a+b mod 7}, {@code a−b mod p} or {@code each operation mod 7}. */
  @Override
  public String formula(List<TaskConfig> tasks, List<Integer> moduli) {
    List<String> operations = operations(tasks);
    List<Integer> distinct = moduli.stream().distinct().toList();
    String task = operations.size() == 1
        ? FORMULAS.getOrDefault(operations.get(0), operations.get(0)) : "each operation";
    return task + " mod " + (distinct.size() == 1 ? distinct.get(0) : "p");
  }

  @Override
  public String describe(TaskConfig task, int modulus) {
    return "p = " + modulus;
  }
}
