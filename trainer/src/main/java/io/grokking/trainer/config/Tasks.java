package io.grokking.trainer.config;

import java.util.List;

/**
 * The registered tasks, by name: every {@link TaskSpec} listed in
 * {@code META-INF/services/io.grokking.trainer.config.TaskSpec} on the class path, found once by
 * {@link Registry}, so that a task's package registers it without this package naming it.
 */
public final class Tasks {
  private static final Registry<TaskSpec> REGISTERED = new Registry<>(TaskSpec.class,
      TaskSpec::name, TaskSpec::aliases, TaskSpec::options, "task.");

  private Tasks() {}

  /** The names of every registered task, in registration order. */
  public static List<String> names() {
    return REGISTERED.names();
  }

  /** Every registered task, in registration order. */
  public static List<TaskSpec> all() {
    return REGISTERED.all();
  }

  /** The name of the task {@code word} names or aliases; {@code word} itself if none does. */
  public static String nameOf(String word) {
    TaskSpec t = REGISTERED.get(word);
    return t == null ? word : t.name();
  }

  /** The task named {@code name} (or aliased so), or a message naming {@code task.name}. */
  public static TaskSpec of(String name) {
    TaskSpec t = REGISTERED.get(name);
    if (t == null) {
      throw TaskConfig.NAME.rejected(name);
    }
    return t;
  }
}
