package io.grokking.sweep.cli;

import io.grokking.sweep.spark.SweepJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** {@code grok ARGS} in this JVM with real training, its console written to the two streams. */
final class InProcess {
  private InProcess() {}

  /** Runs the command line and returns its exit code; the console is not interactive. */
  static int grok(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
    Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
    return GrokCli.commandLine(console, SweepJob.training()).execute(args);
  }
}
