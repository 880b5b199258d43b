package io.grokking.sweep.cli;

import io.grokking.trainer.bench.SideBySide;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code grok bench}: milliseconds per training step of the reference configurations, measured
 * like the PyTorch peer (warm-up, then the median of 10 timed blocks, one thread), with the peer
 * run in the same invocation when {@code python3} can import torch.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Time the trainer's full-batch step on the reference configurations: the MLP's"
        + " R1 (p = 97, width 512, fraction 0.5) and R2 (p = 23, width 512, fraction 0.75), and"
        + " Nanda et al.'s transformer T1 (p = 113, fraction 0.3) and T2 (p = 23, fraction 0.5),"
        + " and Chughtai et al.'s embed-mlp (embeddings 256, width 128) composing in A5 at"
        + " fraction 0.5 (G1), S5 at 0.4 (G2) and D59 at 0.3 (G3), single thread, and the PyTorch"
        + " peers (shared/peer/torch_mlp.py, torch_transformer.py and torch_group.py, or the"
        + " directory $GROK_PEER names) beside them when they are installed; prints a table, one"
        + " JSON line per configuration and the ratio ours / PyTorch. grok bench analysis times the"
        + " analysis instead (grok bench analysis --help).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:measured", "2:usage error"})
final class BenchCommand implements Callable<Integer> {
  static final int DEFAULT_STEPS = 300;

  @Option(names = "--configs", paramLabel = "R1,R2", split = ",", defaultValue = "R1,R2,T1,T2",
      description = "reference configurations to time (default: ${DEFAULT-VALUE})")
  List<String> configs;

  @Option(names = "--steps", paramLabel = "N", defaultValue = "" + DEFAULT_STEPS,
      description = "timed steps per configuration after 30 warm-up steps, in 10 blocks"
          + " (default: ${DEFAULT-VALUE})")
  int steps;

  private final Console console;

  BenchCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws Exception {
    return SideBySide.run(console.out(), GrokCli.home(), configs, steps);
  }
}
