package io.grokking.trainer.config;

import java.util.List;
import java.util.Map;
import java.util.function.IntBinaryOperator;

/**
 * A task as a run's identity sees it: its name, the settings it declares itself, the sizes its
 * runs take, how it enters the run id, and its labelled pairs. Every task so far is a binary
 * operation on n symbols: the network reads a pair (a, b) of symbols 0..n−1 and answers one of n
 * classes, and the pairs are indexed a·n + b. The size n is what the output partitions
 * ({@code modulus=N}) and the {@code modulus} column hold: the modulus p of modular arithmetic,
 * the order |G| of a group. Each task implements this once in its own package and registers with
 * one line in {@code META-INF/services/io.grokking.trainer.config.TaskSpec}; {@link Tasks} finds
 * it by name, so nothing outside the task's package asks which task it holds.
 */
public interface TaskSpec {
  /** The value of {@code task.name} that selects this task. */
  String name();

  /** Other values that select it, such as the word its run ids carry. */
  default List<String> aliases() {
    return List.of();
  }

  /**
   * The settings this task declares itself and keeps in {@link TaskConfig#options()}: each a
   * {@code task.*} run setting with its token, column, default and rule, read, checked, written to
   * {@code sweep.conf}, listed by {@code grok keys} and given a {@code results} column without any
   * other code naming it.
   */
  default List<Setting> options() {
    return List.of();
  }

  /**
   * The sizes n this task's runs take, in order: the grid's {@code moduli} for a task that has a
   * modulus, else the size its own settings fix (a group's order).
   */
  List<Integer> sizes(TaskConfig task, List<Integer> moduli);

  /**
   * Whether the grid's list of moduli is this task's to read: when it is not, setting it is a
   * mistake the loader reports.
   */
  boolean readsModuli();

  /** The run id's head, before the weight decay: the task's word and its size. */
  String identity(int size);

  /** Fails with the offending key when the task cannot be posed at size {@code size}. */
  void checkFits(TaskConfig task, int size);

  /** The pair indices a·n + b that the split shares out, ascending. */
  int[] universe(TaskConfig task, int size);

  /** The class of the pair (a, b). */
  IntBinaryOperator labels(TaskConfig task, int size);

  /** Whether the label of (a, b) is always that of (b, a): the MLP's sum encoding needs it. */
  boolean commutative(TaskConfig task);

  /**
   * The setting whose value fixes the labels, as key and value (task.operation = sub, task.group =
   * S5): what a message names when the labels do not suit a model.
   */
  Map.Entry<String, String> labelSetting(TaskConfig task);

  /**
   * Whether the label is a + b mod n in the symbols' own order, the case He et al. 2026's
   * mechanism (Fourier features, the lottery-ticket prediction, the logit ablation) describes.
   */
  boolean additive(TaskConfig task);

  /** A run's task in a few words for figures and the report: {@code p = 97}, {@code A5 (order 60)}. */
  String describe(TaskConfig task, int size);

  /**
   * A report's heading for runs of this task, given each run's task: {@code modular addition,
   * subtraction}, {@code composition in A5, S5}.
   */
  String title(List<TaskConfig> tasks);

  /**
   * One panel's task for its caption, given each run's task and size: {@code a+b mod 7}, {@code
   * each operation mod p}, {@code x·y in A5}.
   */
  String formula(List<TaskConfig> tasks, List<Integer> sizes);
}
