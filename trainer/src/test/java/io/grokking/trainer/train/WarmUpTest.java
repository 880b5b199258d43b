package io.grokking.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

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
  void trainsRecordsEveryStepAndLeavesNoFilesBehind() throws Exception {
    long before = scratchDirectories();

    int rows = WarmUp.run(1, new Configuration());

    assertThat(rows).isEqualTo(301);  // steps 0..300
    assertThat(scratchDirectories()).isEqualTo(before);
  }
}
