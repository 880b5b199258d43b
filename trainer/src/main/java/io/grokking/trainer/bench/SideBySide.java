package io.grokking.trainer.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code grok bench}: for each reference configuration, our trainer's milliseconds per step
 * ({@link StepBenchmark}: one thread, warm-up, median of timed blocks) and, when the PyTorch peer
 * is installed, the peer's on the same preset right after, so the two share the machine's state.
 * Prints a table and one JSON line per configuration with {@code "config"} and
 * {@code "ms_per_step"}; {@code "ratio"} is ours / PyTorch (below 1 means faster).
 */
public final class SideBySide {
  /** Exit codes: success, and a usage error (unknown configuration, too few steps). */
  public static final int OK = 0;
  public static final int USAGE = 2;
  public static final int DEFAULT_STEPS = 300;

  private SideBySide() {}

  /** One configuration's outcome: ours, and the peer's if it ran. */
  record Row(StepBenchmark.Result ours, TorchPeer.Figures peer, String peerError) {
    Double ratio() {
      return peer == null ? null : ours.medianMs() / peer.msPerStep();
    }
  }

  /**
   * Runs the given configurations ({@code R1}, {@code R2}: the MLP; {@code T1}, {@code T2}: the
   * transformer; {@code G1}, {@code G2}, {@code G3}: embed-mlp composing in A5, S5 and D59) with
   * {@code steps} timed steps each.
   *
   * @param repoRoot the checkout; the peer is looked up at {@code repoRoot/../shared/peer} unless
   *     {@code GROK_PEER} names it
   */
  public static int run(PrintStream out, Path repoRoot, List<String> configs, int steps)
      throws Exception {
    for (String name : configs) {
      if (!StepBenchmark.PRESETS.containsKey(name)) {
        out.println("bench: --configs: each must be one of "
            + StepBenchmark.PRESETS.keySet().stream().sorted().toList() + ", found " + name);
        return USAGE;
      }
    }
    if (steps < StepBenchmark.BLOCKS) {
      out.println("bench: --steps: must be at least " + StepBenchmark.BLOCKS + " (one per timed"
          + " block), found " + steps);
      return USAGE;
    }
    StringBuilder whyNot = new StringBuilder();
    Optional<TorchPeer> peer = TorchPeer.locate(repoRoot, System.getenv(TorchPeer.ENV), whyNot);
    out.println(peer.map(p -> "PyTorch peer: " + p.script())
        .orElse("PyTorch peer skipped: " + whyNot));
    List<Row> rows = new ArrayList<>();
    for (String name : configs) {
      StepBenchmark.Result ours = StepBenchmark.measure(StepBenchmark.PRESETS.get(name), steps, 1);
      TorchPeer.Figures figures = null;
      String error = null;
      if (peer.isPresent()) {
        try {
          StepBenchmark.Preset preset = StepBenchmark.PRESETS.get(name);
          figures = peer.get().measure(name, preset.peerScript(), steps);
        } catch (Exception e) {
          error = e.getMessage();
        }
      }
      rows.add(new Row(ours, figures, error));
    }
    printTable(out, rows, steps);
    for (Row row : rows) {
      out.println(json(row, steps));
    }
    return OK;
  }

  static void printTable(PrintStream out, List<Row> rows, int steps) {
    out.printf(Locale.ROOT, "%d timed steps in %d blocks after %d warm-up steps, 1 thread;"
        + " ms per step, median (min-max)%n", steps, StepBenchmark.BLOCKS,
        StepBenchmark.WARMUP_STEPS);
    out.printf(Locale.ROOT, "%-6s %7s  %-24s  %-24s  %s%n", "config", "n_train", "DL4J trainer",
        "PyTorch peer", "ours/PyTorch");
    for (Row r : rows) {
      StepBenchmark.Result o = r.ours();
      String peer = r.peer() == null ? (r.peerError() == null ? "-" : "failed")
          : String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", r.peer().msPerStep(), r.peer().msMin(),
              r.peer().msMax());
      out.printf(Locale.ROOT, "%-6s %7d  %-24s  %-24s  %s%n", o.preset().name(), o.nTrain(),
          String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", o.medianMs(), o.minMs(), o.maxMs()), peer,
          r.ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.ratio()));
      if (r.peerError() != null) {
        out.println("  peer failed: " + r.peerError());
      }
    }
  }

  static String json(Row r, int steps) {
    StepBenchmark.Result o = r.ours();
    StringBuilder s = new StringBuilder("{");
    s.append(field("config", quote(o.preset().name())));
    s.append(',').append(field("impl", quote("dl4j")));
    s.append(',').append(field("threads", Integer.toString(o.threads())));
    s.append(',').append(field("n_train", Integer.toString(o.nTrain())));
    s.append(',').append(field("steps", Integer.toString(steps)));
    s.append(',').append(field("blocks", Integer.toString(o.blockMs().length)));
    s.append(',').append(field("ms_per_step", number(o.medianMs())));
    s.append(',').append(field("ms_min", number(o.minMs())));
    s.append(',').append(field("ms_max", number(o.maxMs())));
    s.append(',').append(field("last_loss", number(o.lastLoss())));
    TorchPeer.Figures p = r.peer();
    s.append(',').append(field("pytorch_ms_per_step", p == null ? "null" : number(p.msPerStep())));
    s.append(',').append(field("pytorch_ms_min", p == null ? "null" : number(p.msMin())));
    s.append(',').append(field("pytorch_ms_max", p == null ? "null" : number(p.msMax())));
    s.append(',').append(field("pytorch_n_train",
        p == null ? "null" : Integer.toString(p.nTrain())));
    s.append(',').append(field("torch", p == null ? "null" : quote(p.torchVersion())));
    s.append(',').append(field("ratio", r.ratio() == null ? "null" : number(r.ratio())));
    s.append(',').append(field("java", quote(System.getProperty("java.version"))));
    return s.append('}').toString();
  }

  private static String field(String name, String value) {
    return quote(name) + ":" + value;
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static String number(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "null";
  }
}
