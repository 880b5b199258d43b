package io.grokking.sweep.cli;

import io.grokking.sweep.config.ConfigLoader;
import io.grokking.sweep.config.KeyTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code grok keys [PREFIX]}: every setting with its default, allowed values and doc, read off
 * the settings' declarations; with {@code --config} or {@code --set}, the value a sweep would
 * use and where it comes from. Writes nothing.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "List every configuration key with its default, allowed values and meaning."
        + " With --config FILE and/or --set KEY=VALUE, show instead the value a grok sweep with"
        + " the same options would use for each key, and where it comes from (the file and"
        + " line, --set, an axis, or the default). Note that grok sweep without --config starts"
        + " from " + SweepCommand.DEFAULT_CONFIG + ", not from the defaults.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:listed",
        "2:usage or configuration error (the same checks as grok sweep)"})
final class KeysCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "PREFIX",
      description = "only the keys that start with PREFIX, e.g. train. or model")
  String prefix = "";

  @Option(names = "--config", paramLabel = "FILE",
      description = "a sweep configuration: show the values it gives")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "an override as grok sweep takes it; repeatable")
  List<String> sets = new ArrayList<>();

  @Option(names = "--markdown",
      description = "print the README's key table (Markdown) instead")
  boolean markdown;

  private final Console console;

  KeysCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    if (markdown) {
      console.out().print(KeyTable.markdown());
      return GrokCli.EXIT_OK;
    }
    if (config == null && sets.isEmpty()) {
      console.out().print(KeyTable.text(KeyTable.declared(prefix)));
      console.out().println("# These are the built-in defaults. grok sweep without --config"
          + " starts from " + SweepCommand.DEFAULT_CONFIG + "; to see its values: grok keys"
          + " --config " + SweepCommand.DEFAULT_CONFIG);
      return GrokCli.EXIT_OK;
    }
    console.out().print(KeyTable.text(ConfigLoader.explain(config, sets), prefix));
    return GrokCli.EXIT_OK;
  }
}
