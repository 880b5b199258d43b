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
  void anUnknownConfigurationIsAUsageError() {
    int code = GrokCli.run(console, "bench", "--configs", "R7");
    assertThat(code).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
        .contains("R7").contains("R1").contains("R2");
  }
}
