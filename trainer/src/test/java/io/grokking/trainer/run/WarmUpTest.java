package io.grokking.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.metrics.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class WarmUpTest {
  private static long scratchDirectories() throws Exception {
    try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return tmp.filter(p -> p.getFileName().toString().startsWith("grok-warm-up")).count();
    }
  }

  @Test
  void executesATinyRunEndToEndAndLeavesNoFilesBehind() throws Exception {
    long before = scratchDirectories();

    RunOutcome outcome = WarmUp.run(1, new Configuration());

    assertThat(outcome.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(outcome.stepsRun()).isEqualTo(300);
    assertThat(outcome.finalTrainAcc()).isGreaterThan(0.5);
    assertThat(scratchDirectories()).isEqualTo(before);
  }
}
