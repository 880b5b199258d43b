package io.grokking.sweep.cli;

import io.grokking.sweep.config.Provenance;
import io.grokking.sweep.spark.RunFunction;
import io.grokking.sweep.spark.SweepJob;
import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.output.UnwritableOutput;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code grok} command: {@code sweep} trains a grid on Spark, {@code analyze} classifies a
 * sweep's runs into phases and draws its report, {@code verify} checks a sweep's committed files.
 * Exit codes: 0 success, 1 a run failed or diverged (or the job could not finish, or a file is
 * damaged), 2 usage or configuration error (or DIR is in use by another driver), with nothing
 * written, 3 the output directory could not be written (no space left, quota, read-only,
 * permission denied).
 */
@Command(name = "grok", mixinStandardHelpOptions = true,
    versionProvider = GrokCli.Version.class,
    description = "Distributed phase diagrams of grokking on modular addition.")
public final class GrokCli implements Callable<Integer> {
  /** Set by the {@code ./grok} launcher to the checkout it lives in. */
  public static final String HOME_PROPERTY = "grok.home";
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_UNWRITABLE = 3;
  private static final int USAGE_WIDTH = 100;
  private static final Logger LOG = LoggerFactory.getLogger(GrokCli.class);

  private final Console console;

  private GrokCli(Console console) {
    this.console = console;
  }

  public static void main(String[] args) {
    System.exit(run(Console.system(), args));
  }

  /** Parses and runs {@code args}, printing to {@code console}; returns the exit code. */
  public static int run(Console console, String... args) {
    return commandLine(console, SweepJob.training()).execute(args);
  }

  /** The command tree; {@code runFunction} is what each sweep task does (tests inject a fake). */
  static CommandLine commandLine(Console console, RunFunction runFunction) {
    CommandLine cmd = new CommandLine(new GrokCli(console));
    cmd.addSubcommand("sweep", new SweepCommand(console, runFunction));
    cmd.addSubcommand("analyze", new AnalyzeCommand(console));
    cmd.addSubcommand("verify", new VerifyCommand(console));
    cmd.addSubcommand("compare", new CompareCommand(console));
    cmd.addSubcommand("bench", new CommandLine(new BenchCommand(console))
        .addSubcommand("analysis", new BenchAnalysisCommand(console)));
    cmd.addSubcommand("keys", new KeysCommand(console));
    cmd.setUsageHelpWidth(USAGE_WIDTH);
    cmd.setOut(new PrintWriter(console.out(), true));
    cmd.setErr(new PrintWriter(console.err(), true));
    cmd.setParameterExceptionHandler((e, args) -> {
      console.err().println("error: " + e.getMessage()
          + " (try: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
      return EXIT_USAGE;
    });
    cmd.setExecutionExceptionHandler((e, command, parsed) -> {
      int code = exitCode(e);
      if (code == EXIT_USAGE) {
        console.err().println("error: " + e.getMessage());
      } else if (code == EXIT_UNWRITABLE) {
        LOG.warn("grok {} could not write its output", command.getCommandName(), e);
        UnwritableOutput.Reason reason = UnwritableOutput.reasonOf(e).orElseThrow();
        console.err().println("error: " + reason.description() + ": " + describe(e) + "; "
            + reason.remedy() + " and run the same command again");
      } else {
        LOG.error("grok {} failed", command.getCommandName(), e);
        console.err().println("error: " + describe(e));
      }
      return code;
    });
    return cmd;
  }

  /**
   * The exit code of a command that ended by throwing {@code error}: {@value #EXIT_USAGE} for a
   * configuration error, {@value #EXIT_UNWRITABLE} when a refused write (a full disk, a quota, a
   * read-only file system, permission denied) is anywhere on its causal chain, however Spark
   * wrapped it ({@code SparkException} is checked, yet thrown undeclared through Java calls),
   * else {@value #EXIT_FAILED}.
   */
  static int exitCode(Throwable error) {
    if (error instanceof ConfigException) {
      return EXIT_USAGE;
    }
    return UnwritableOutput.reasonOf(error).isPresent() ? EXIT_UNWRITABLE : EXIT_FAILED;
  }

  /**
   * {@code error}'s type and message, and its innermost cause's when that is another: Spark and
   * Hadoop wrap the error that matters in several layers.
   */
  static String describe(Throwable error) {
    Throwable root = error;
    java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(
        new java.util.IdentityHashMap<>());
    while (root.getCause() != null && seen.add(root)) {
      root = root.getCause();
    }
    String text = String.valueOf(error).lines().findFirst().orElse("");
    String cause = String.valueOf(root).lines().findFirst().orElse("");
    return root == error || text.contains(cause) ? text : text + "; cause: " + cause;
  }

  /** The grok checkout: {@value #HOME_PROPERTY} when the launcher set it, else the working dir. */
  static Path home() {
    String home = System.getProperty(HOME_PROPERTY);
    return Path.of(home != null ? home : "").toAbsolutePath();
  }

  @Override
  public Integer call() {
    console.err().println("error: missing command (try: grok --help)");
    return EXIT_USAGE;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"grok " + Provenance.mavenVersion("io.grokking", "grok-sweep-driver")};
    }
  }
}
