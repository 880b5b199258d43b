package io.grokking.trainer.run;

import java.io.IOException;
import java.io.Serializable;
import org.apache.hadoop.fs.Path;

/**
 * Places in a run attempt where a test can make it die, to show that retries and resumes neither
 * lose nor duplicate a run. Production passes {@link #NONE}; the sweep driver builds one from its
 * {@code spark.grok.fault-injection} setting (see sweep-driver/FAULTS.md).
 */
@FunctionalInterface
public interface Faults extends Serializable {
  /** Where an attempt can be stopped. */
  enum Point {
    /** Before the attempt has read or written anything. */
    START,
    /** Right after the row of step {@code steps / 2} was recorded, past any earlier checkpoint. */
    MID_TRAIN,
    /** After the data files were published and before the result file commits the run. */
    COMMIT
  }

  Faults NONE = point -> {};

  /** Throws an {@link InjectedFault} if this attempt is to die at {@code point}. */
  void reach(Point point);

  /**
   * Called before the attempt creates each of its staged files ({@code file}): a test's fault
   * throws the {@link IOException} a full disk would, where the storage would raise it.
   */
  default void write(Path file) throws IOException {}
}
