package io.grokking.sweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code grok bench} prints one JSON line per configuration and rejects unknown ones. */
class BenchCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
      new PrintStream(err, true, StandardCharsets.UTF_8), false);

  @Test
  void timesR2AndPrintsItsJsonLine() {
    int code = GrokCli.run(console, "bench", "--configs", "R2", "--steps", "20");
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).isZero();
    assertThat(printed).containsPattern("\\{\"config\": ?\"R2\".*\"ms_per_step\": ?[0-9.]+");
  }

  @Test
  void timesG1AndPrintsItsJsonLine() {
    int code = GrokCli.run(console, "bench", "--configs", "G1", "--steps", "10");
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).isZero();
    // A5 (order 60) at fraction 0.5: 1 800 training pairs, as torch_group.py's G1
    assertThat(printed).containsPattern("(?m)^G1 +1800 +[0-9.]+ \\([0-9.]+-[0-9.]+\\)");
    String json = printed.lines().filter(l -> l.startsWith("{\"config\":\"G1\""))
        .findFirst().orElseThrow();
    assertThat(json).containsPattern("\"ms_per_step\":[0-9.]+")
        .containsPattern("\"ms_min\":[0-9.]+").containsPattern("\"ms_max\":[0-9.]+")
        .contains("\"n_train\":1800").contains("\"steps\":10").contains("\"threads\":1")
        .containsPattern("\"last_loss\":[0-9.]+").contains("\"pytorch_ms_per_step\":")
        .contains("\"ratio\":");
  }

  @Test
  void anUnknownConfigurationIsAUsageError() {
    int code = GrokCli.run(console, "bench", "--configs", "G1,R7");
    assertThat(code).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
        .contains("--configs").contains("found R7").contains("G1").contains("R1").contains("T2")
        .doesNotContain("\"ms_per_step\"");
  }
}
