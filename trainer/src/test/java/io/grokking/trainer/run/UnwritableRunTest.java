package io.grokking.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.output.UnwritableOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run whose writes the disk refuses ends with {@link UnwritableOutput}, not with a committed
 * "failed" result that would stop the next sweep from training it, and leaves no staging behind.
 */
class UnwritableRunTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "the write number {0} of the attempt fails")
  @ValueSource(ints = {1, 4})
  void aFullDiskEndsTheAttemptWithNothingCommittedAndNoStaging(int failingWrite) {
    RunSpec spec = TestRuns.spec(7, 1.0, 0.5, 0, TestRuns.train(16, 1e-2, 20, 10));
    AtomicInteger writes = new AtomicInteger();
    Faults fullDisk = new Faults() {
      @Override
      public void reach(Point point) {}

      @Override
      public void write(org.apache.hadoop.fs.Path file) throws IOException {
        // 1 to 3 are metrics, spectra, neurons while training; 4 is the result
        if (writes.incrementAndGet() >= failingWrite) {
          throw new IOException("No space left on device");
        }
      }
    };

    assertThatThrownBy(() -> RunExecutor.execute(spec, dir.toString(), "a0",
        new Configuration(), fullDisk))
        .isInstanceOf(UnwritableOutput.class)
        .hasMessageStartingWith("no space left on device: ")
        .satisfies(e -> assertThat(((UnwritableOutput) e).reason())
            .isEqualTo(UnwritableOutput.Reason.NO_SPACE));

    assertThat(dir.resolve("results")).doesNotExist();
    assertThat(dir.resolve("metrics")).doesNotExist();
    assertThat(Files.exists(dir.resolve("_staging/" + spec.runId() + "-a0"))).isFalse();
  }
}
