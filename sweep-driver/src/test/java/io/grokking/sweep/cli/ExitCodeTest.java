package io.grokking.sweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

/** How a command's exception maps to the exit code: a refused write anywhere in its chain is 3. */
class ExitCodeTest {
  private static final IOException FULL = new IOException("No space left on device");

  @Test
  void aFullDiskWrappedBySparksJobAbortIsThree() {
    // what a failed Spark write of the analysis reaches the driver as
    SparkException taskWrite = new SparkException(
        "[TASK_WRITE_FAILED] Task failed while writing rows to file:/d/runs.", FULL);
    SparkException jobAborted = new SparkException(
        "Job aborted due to stage failure: Task 0 in stage 3.0 failed 1 times", taskWrite);

    assertThat(GrokCli.exitCode(jobAborted)).isEqualTo(GrokCli.EXIT_UNWRITABLE);
  }

  @Test
  void aFullDiskUncheckedOrSuppressedIsThree() {
    RuntimeException suppressing = new RuntimeException("close failed");
    suppressing.addSuppressed(FULL);
    assertThat(GrokCli.exitCode(suppressing)).isEqualTo(GrokCli.EXIT_UNWRITABLE);
    assertThat(GrokCli.exitCode(new RuntimeException(new UncheckedIOException(FULL))))
        .isEqualTo(GrokCli.EXIT_UNWRITABLE);
  }

  @Test
  void otherFailuresAreOneAndConfigurationErrorsTwo() {
    assertThat(GrokCli.exitCode(new SparkException("Job aborted", new IOException("EOF"))))
        .isEqualTo(GrokCli.EXIT_FAILED);
    assertThat(GrokCli.exitCode(new ConfigException("--out", "must be a directory")))
        .isEqualTo(GrokCli.EXIT_USAGE);
  }
}
