package io.grokking.trainer.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Which errors are writes that no retry fixes, however deep Spark and Hadoop wrap them. */
class UnwritableOutputTest {
  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(new IOException("No space left on device"), UnwritableOutput.Reason.NO_SPACE),
        Arguments.of(new FileSystemException("/out/x", null, "Disk quota exceeded"),
            UnwritableOutput.Reason.QUOTA),
        Arguments.of(new FileSystemException("/out/x", null, "Read-only file system"),
            UnwritableOutput.Reason.READ_ONLY),
        Arguments.of(new AccessDeniedException("/out/x"),
            UnwritableOutput.Reason.PERMISSION_DENIED),
        Arguments.of(new java.io.FileNotFoundException("/out/x (Permission denied)"),
            UnwritableOutput.Reason.PERMISSION_DENIED));
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void isFoundUnderEveryLayerOfWrapping(Exception refusal, UnwritableOutput.Reason reason) {
    // as a Spark task's write failure reaches the driver
    RuntimeException wrapped = new RuntimeException("[TASK_WRITE_FAILED] Task failed while"
        + " writing rows to file:/out/runs",
        new IllegalStateException("writer", new UncheckedIOException("run x could not write",
            new IOException("flush failed", refusal))));

    assertThat(UnwritableOutput.reasonOf(refusal)).contains(reason);
    assertThat(UnwritableOutput.reasonOf(wrapped)).contains(reason);
  }

  @Test
  void aSuppressedRefusalCountsAndOtherErrorsDoNot() {
    IOException close = new IOException("close failed");
    close.addSuppressed(new IOException("No space left on device"));

    assertThat(UnwritableOutput.reasonOf(close)).contains(UnwritableOutput.Reason.NO_SPACE);
    assertThat(UnwritableOutput.reasonOf(new IOException("Connection reset by peer"))).isEmpty();
    assertThat(UnwritableOutput.reasonOf(new IllegalStateException("NaN loss"))).isEmpty();
  }
}
