package io.grokking.sweep.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code grok} in a JVM of its own, as a user starts it, for tests that kill or count lines. */
final class GrokProcess {
  private GrokProcess() {}

  /**
   * Starts {@code grok ARGS} with this JVM's classpath and the flags Spark needs, its output to
   * {@code dir/NAME.out} and {@code .err}; {@code log4jConfig} replaces the tests' logging
   * configuration when not null.
   */
  static Process start(Path dir, String name, Path log4jConfig, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The test JVM's flags: the --add-opens Spark needs (surefire's argLine) and logging.
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect.")
          || arg.startsWith("-Dio.netty.")
          || (arg.startsWith("-Dlog4j2.") && log4jConfig == null)) {
        command.add(arg);
      }
    }
    if (log4jConfig != null) {
      command.add("-Dlog4j2.configurationFile=" + log4jConfig);
    }
    command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"),
        GrokCli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectOutput(dir.resolve(name + ".out").toFile())
        .redirectError(dir.resolve(name + ".err").toFile());
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().put("OPENBLAS_NUM_THREADS", "1");
    return pb.start();
  }

  /** What a finished {@code grok} printed, and its exit code. */
  record Finished(int exit, String out, String err) {}

  /**
   * {@link #start}s {@code grok ARGS} with the launcher's logging ({@link #launcherLogging()})
   * and waits up to four minutes for it to end.
   */
  static Finished run(Path dir, String name, String... args)
      throws IOException, InterruptedException {
    Process grok = start(dir, name, launcherLogging(), args);
    if (!grok.waitFor(240, java.util.concurrent.TimeUnit.SECONDS)) {
      grok.destroyForcibly();
      throw new IllegalStateException("grok " + String.join(" ", args) + " did not end");
    }
    return new Finished(grok.exitValue(),
        java.nio.file.Files.readString(dir.resolve(name + ".out")),
        java.nio.file.Files.readString(dir.resolve(name + ".err")));
  }

  /** The logging configuration {@code ./grok} uses, beside the tests' own. */
  static Path launcherLogging() {
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("-Dlog4j2.configurationFile=")) {
        return Path.of(arg.substring(arg.indexOf('=') + 1)).resolveSibling("log4j2.properties");
      }
    }
    throw new IllegalStateException("no -Dlog4j2.configurationFile in the test JVM's flags");
  }
}
