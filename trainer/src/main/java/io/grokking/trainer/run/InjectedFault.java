package io.grokking.trainer.run;

/**
 * Thrown by {@link Faults} to end an attempt as if its process had died: it is never recorded as
 * the run's outcome, its staging and checkpoint are left as they are, and Spark retries the task.
 */
public final class InjectedFault extends RuntimeException {
  public InjectedFault(String message) {
    super(message);
  }
}
