package io.grokking.trainer.task.group;

import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.config.Setting;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TaskSpec;
import io.grokking.trainer.task.TaskMeasures;
import java.util.List;
import java.util.Map;
import java.util.function.IntBinaryOperator;

/**
 * Composition in a finite group ({@code task.name = group}; Chughtai, Chan and Nanda 2023, "A toy
 * model of universality", Sec. 3): the pair (x, y) of element indices is labelled by the index of
 * x·y in the group {@code task.group} names, in the canonical orders of {@link FiniteGroup}. The
 * task's size is the group's order N: the pairs are indexed x·N + y and split as the modular ones
 * are, and the outputs are partitioned by N ({@code modulus=N}). Its run ids begin
 * {@code task=group;p=N} and end {@code ;group=NAME}. Its runs are measured by irreducible
 * representation at every evaluation ({@link RepresentationMeasures}).
 */
public final class GroupComposition implements TaskSpec, TaskMeasures {
  public static final String NAME = "group";
  /** openai/grok's and Chughtai et al.'s S5. */
  public static final String DEFAULT_GROUP = "S5";

  public static final Setting GROUP = Setting.key(FiniteGroup.KEY).word(DEFAULT_GROUP)
      .allowed(FiniteGroup.ALLOWED + ", as written there (A5, not a5)")
      .valid(GroupComposition::isGroupName)
      .doc("the group of task.name = group; the label of (x, y) is the index of x·y, x applied"
          + " first")
      .run("group", "group").build();

  private static boolean isGroupName(Object value) {
    try {
      return value instanceof String s && FiniteGroup.parse(s).name().equals(s);
    } catch (ConfigException e) {
      return false;
    }
  }

  /** The group a task of this kind composes in. */
  public static FiniteGroup group(TaskConfig task) {
    return FiniteGroup.parse((String) task.option(GROUP));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Setting> options() {
    return List.of(GROUP);
  }

  @Override
  public List<Integer> sizes(TaskConfig task, List<Integer> moduli) {
    return List.of(group(task).order());
  }

  @Override
  public boolean readsModuli() {
    return false;
  }

  @Override
  public String identity(int order) {
    return "task=" + NAME + ";p=" + order;
  }

  @Override
  public void checkFits(TaskConfig task, int order) {
    if (task.operation() != TaskConfig.DEFAULT_OPERATION) {
      throw new ConfigException(TaskConfig.OPERATION_KEY, "is read by task.name = modular only;"
          + " a group's labels are its products, found " + TaskConfig.OPERATION_KEY + " = "
          + task.operation().key() + " with task.name = " + NAME);
    }
    FiniteGroup g = group(task);
    if (g.order() != order) {
      throw new IllegalArgumentException("A run of " + g.name() + " has size " + g.order()
          + ", found " + order);
    }
  }

  @Override
  public int[] universe(TaskConfig task, int order) {
    int[] pairs = new int[order * order];
    java.util.Arrays.setAll(pairs, i -> i);
    return pairs;
  }

  @Override
  public IntBinaryOperator labels(TaskConfig task, int order) {
    return group(task)::multiply;
  }

  @Override
  public boolean commutative(TaskConfig task) {
    return group(task).abelian();
  }

  @Override
  public Map.Entry<String, String> labelSetting(TaskConfig task) {
    return Map.entry(GROUP.key(), (String) task.option(GROUP));
  }

  /** C_n indexes its elements by residue, so its products are a + b mod n. */
  @Override
  public boolean additive(TaskConfig task) {
    return group(task).family() == GroupFamily.CYCLIC;
  }

  /** The groups of {@code tasks}, in the order first met. */
  private static String groups(List<TaskConfig> tasks) {
    return String.join(", ", tasks.stream().map(t -> (String) t.option(GROUP)).distinct()
        .toList());
  }

  /** {@code composition in A5, S5}. */
  @Override
  public String title(List<TaskConfig> tasks) {
    return "composition in " + groups(tasks);
  }

  /** {@code x·y in A5}. */
  @Override
  public String formula(List<TaskConfig> tasks, List<Integer> orders) {
    return "x·y in " + groups(tasks);
  }

  /** Chughtai et al.'s measures by irrep of {@code task}'s group. */
  @Override
  public TaskMeasures.Measurer measurer(TaskConfig task, int order, int[] trainPairs) {
    return new RepresentationMeasures(RepresentationBasis.of(group(task)), trainPairs);
  }

  @Override
  public String describe(TaskConfig task, int order) {
    return task.option(GROUP) + " (order " + order + ")";
  }
}
