package io.grokking.sweep.cli;

import io.grokking.sweep.config.ConfigLoader;
import io.grokking.sweep.config.ConfigRenderer;
import io.grokking.sweep.config.Provenance;
import io.grokking.sweep.config.SweepConfig;
import io.grokking.sweep.grid.GridExpander;
import io.grokking.sweep.spark.SweepJob;
import io.grokking.trainer.bench.SyntheticSweep;
import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.output.DamagedRuns;
import io.grokking.trainer.output.Layout;
import io.grokking.trainer.output.SharedConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code grok bench analysis}: how the analysis scales with the number of runs. Writes a
 * synthetic sweep of N runs with the trainer's own writers ({@link SyntheticSweep}), then times,
 * in this JVM and through the same command code as {@code grok analyze}, a cold analysis, an
 * analysis after 1 % more runs were committed, and the check of committed runs a rerun of {@code
 * grok sweep} makes before it trains; prints one JSON line.
 */
@Command(name = "analysis", mixinStandardHelpOptions = true,
    description = "Time the analysis on a synthetic sweep of N runs (p = 11, width 16, 100 steps"
        + " each, written by the trainer's own Parquet writers and committer over 10 weight"
        + " decays × 9 training fractions × as many seeds as N needs, all four phases present):"
        + " a cold grok analyze, a grok analyze after 1 %% more runs, and the resume check of the"
        + " completed sweep (what a rerun of grok sweep reads before training). Both analyses"
        + " run in this JVM, each with its own Spark session as grok analyze starts one. Prints"
        + " one JSON line: runs, files, cold_s, incremental_s, resume_check_s and driver_heap_mb,"
        + " the peak used heap of this JVM (sampled every " + BenchAnalysisCommand.SAMPLE_MS
        + " ms) from the cold analysis to the end; in local mode the executors share it.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:measured", "1:an analysis failed or found the wrong number of runs",
        "2:usage error; nothing was written", "3:DIR could not be written"})
final class BenchAnalysisCommand implements Callable<Integer> {
  static final int MAX_RUNS = 1_000_000;
  static final int SAMPLE_MS = 10;
  static final int MODULUS = 11;
  static final int WIDTH = 16;
  static final int STEPS = 100;
  static final int EVAL_EVERY = 10;
  /** The gap rule's gap in steps, scaled to the 100-step budget as 1 000 is to real runs. */
  static final int PHASE_GAP = 20;
  static final List<String> WEIGHT_DECAYS =
      List.of("0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1", "2", "5", "10");
  static final List<String> FRACTIONS =
      List.of("0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9");
  private static final String RUNS_RULE = "an integer in [1, " + MAX_RUNS + "]";
  private static final Pattern CLASSIFIED = Pattern.compile("(\\d+) runs classified");

  @Option(names = "--runs", paramLabel = "N", required = true,
      description = "runs of the synthetic sweep, 1 to " + MAX_RUNS)
  String runs;

  @Option(names = "--dir", paramLabel = "D",
      description = "where to write the sweep, absent or empty (default: a new temporary"
          + " directory)")
  Path dir;

  @Option(names = "--keep", description = "keep the sweep afterwards (default: deleted)")
  boolean keep;

  @Option(names = "--master", paramLabel = "URL", defaultValue = SweepJob.DEFAULT_MASTER,
      description = "Spark master of both analyses (default: ${DEFAULT-VALUE}, as grok analyze)")
  String master;

  private final Console console;

  BenchAnalysisCommand(Console console) {
    this.console = console;
  }

  /** The measurement, as printed. */
  record Measured(int runs, long files, double coldSeconds, double incrementalSeconds,
      double resumeCheckSeconds, double driverHeapMb) {
    String json() {
      return String.format(Locale.ROOT, "{\"runs\":%d,\"files\":%d,\"cold_s\":%.3f,"
          + "\"incremental_s\":%.3f,\"resume_check_s\":%.3f,\"driver_heap_mb\":%.1f}", runs,
          files, coldSeconds, incrementalSeconds, resumeCheckSeconds, driverHeapMb);
    }
  }

  @Override
  public Integer call() throws Exception {
    int n = parseRuns(runs);
    Path out = dir != null ? dir.toAbsolutePath().normalize() : null;
    if (out != null && Files.exists(out) && (!Files.isDirectory(out) || !isEmpty(out))) {
      throw new ConfigException("--dir", "must be absent or an empty directory, found " + out);
    }
    if (out == null) {
      out = Files.createTempDirectory("grok-bench-analysis-");
    }
    int extra = (n + 99) / 100;
    SweepConfig sweep = config(n + extra);
    List<RunSpec> order = spread(GridExpander.expand(sweep));
    List<RunSpec> first = order.subList(0, n);
    List<RunSpec> more = order.subList(n, n + extra);
    String outDir = out.toString();
    Configuration hadoop = SharedConfiguration.get();
    try {
      OutputDir.writeSweepConf(outDir,
          ConfigRenderer.render(sweep, Provenance.capture(GrokCli.home())));
      long t0 = System.nanoTime();
      SyntheticSweep.write(first, outDir, hadoop);
      console.out().printf(Locale.ROOT, "wrote %d synthetic runs into %s in %.1f s%n", n,
          outDir, seconds(t0));
      long files = runFiles(out);

      System.gc();
      try (HeapSampler heap = HeapSampler.start()) {
        double cold = analyze(outDir, n, "cold");
        t0 = System.nanoTime();
        SyntheticSweep.write(more, outDir, hadoop);
        console.out().printf(Locale.ROOT, "wrote %d more runs in %.1f s%n", extra, seconds(t0));
        double incremental = analyze(outDir, n + extra, "incremental");
        List<RunSpec> committed = order.subList(0, n + extra);
        t0 = System.nanoTime();
        resumeCheck(sweep, committed, outDir, hadoop);
        double resume = seconds(t0);
        console.out().println(new Measured(n, files, cold, incremental, resume,
            heap.peakBytes() / (1024.0 * 1024.0)).json());
      }
      return GrokCli.EXIT_OK;
    } catch (AnalysisFailed e) {
      console.err().println("error: " + e.getMessage());
      return GrokCli.EXIT_FAILED;
    } finally {
      if (!keep) {
        delete(out);
      } else {
        console.out().println("kept " + outDir);
      }
    }
  }

  static int parseRuns(String text) {
    int n;
    try {
      n = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("--runs", "must be " + RUNS_RULE + ", found " + text);
    }
    ConfigException.check(n >= 1 && n <= MAX_RUNS, "--runs", RUNS_RULE, n);
    return n;
  }

  /** The grid: 10 weight decays × 9 fractions × enough seeds for {@code total} runs, p = 11. */
  static SweepConfig config(int total) {
    int cells = WEIGHT_DECAYS.size() * FRACTIONS.size();
    int seeds = (total + cells - 1) / cells;
    List<String> sets = List.of(
        "sweep.moduli=[" + MODULUS + "]",
        "sweep.weight-decays=[" + String.join(",", WEIGHT_DECAYS) + "]",
        "sweep.train-fractions=[" + String.join(",", FRACTIONS) + "]",
        "sweep.seeds=[" + IntStream.range(0, seeds).mapToObj(Integer::toString)
            .collect(Collectors.joining(",")) + "]",
        "train.width=" + WIDTH, "train.steps=" + STEPS, "train.eval-every=" + EVAL_EVERY,
        "train.stop-after-grok=false", "analysis.phase-gap=" + PHASE_GAP,
        "sweep.allow-large-grid=true");
    return ConfigLoader.parse("", "grok bench analysis", sets);
  }

  /**
   * Seed 0's runs first, then seed 1's, ..., each seed's grid points in one fixed random order:
   * any prefix covers the plane, so even a small N shows every phase.
   */
  static List<RunSpec> spread(List<RunSpec> grid) {
    List<RunSpec> order = new ArrayList<>();
    grid.stream().map(RunSpec::seed).distinct().sorted().forEach(seed -> {
      List<RunSpec> ofSeed = new ArrayList<>(grid.stream().filter(s -> s.seed() == seed)
          .toList());
      Collections.shuffle(ofSeed, new Random(seed));
      order.addAll(ofSeed);
    });
    return order;
  }

  /** Runs {@code grok analyze DIR} in this JVM; returns its seconds. */
  private double analyze(String outDir, int expected, String label) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console captured = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
    long t0 = System.nanoTime();
    int code = GrokCli.commandLine(captured, SweepJob.training())
        .execute("analyze", outDir, "--master", master);
    double seconds = seconds(t0);
    String printed = out.toString(StandardCharsets.UTF_8);
    Matcher m = CLASSIFIED.matcher(printed);
    int found = m.find() ? Integer.parseInt(m.group(1)) : -1;
    if (code != GrokCli.EXIT_OK || found != expected) {
      throw new AnalysisFailed("the " + label + " analysis of " + outDir + " exited " + code
          + " having classified " + found + " of " + expected + " runs: "
          + err.toString(StandardCharsets.UTF_8).strip());
    }
    console.out().printf(Locale.ROOT, "%s analyze in %.1f s: %s%n", label, seconds,
        printed.lines().filter(l -> CLASSIFIED.matcher(l).find()).findFirst().orElse(""));
    return seconds;
  }

  /**
   * What a rerun of {@code grok sweep} into the completed sweep reads before it trains: its
   * sweep.conf and grid, the staging of dead attempts, every committed run's files ({@link
   * DamagedRuns#check}) and which runs of the grid are committed ({@link SweepJob#pending}).
   */
  private static void resumeCheck(SweepConfig sweep, List<RunSpec> committed, String outDir,
      Configuration hadoop) throws IOException {
    OutputDir.State state = OutputDir.check(outDir, sweep.gridHash(), false);
    SweepJob.clearStaging(outDir, hadoop);
    DamagedRuns.Report report = DamagedRuns.check(new Layout(outDir), hadoop);
    List<RunSpec> pending = SweepJob.pending(committed, outDir, hadoop);
    if (state != OutputDir.State.RESUME || !report.damaged().isEmpty() || !pending.isEmpty()
        || report.committed() != committed.size()) {
      throw new AnalysisFailed("the resume check of " + outDir + " found it " + state + " with "
          + report.committed() + " committed, " + report.damaged().size() + " damaged and "
          + pending.size() + " pending of " + committed.size() + " runs");
    }
  }

  private static long runFiles(Path out) throws IOException {
    long files = 0;
    for (String table : List.of(Layout.METRICS, Layout.NEURONS, Layout.SPECTRA,
        Layout.RESULTS)) {
      try (Stream<Path> walk = Files.walk(out.resolve(table))) {
        files += walk.filter(p -> p.toString().endsWith(".parquet")).count();
      }
    }
    return files;
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  /** An analysis that failed or miscounted: the measurement would be of something else. */
  private static final class AnalysisFailed extends RuntimeException {
    AnalysisFailed(String message) {
      super(message);
    }
  }

  /** The largest used heap seen by a thread sampling every {@value #SAMPLE_MS} ms. */
  private static final class HeapSampler implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    private HeapSampler() {
      thread = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          sample();
          try {
            Thread.sleep(SAMPLE_MS);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "grok-heap-sampler");
      thread.setDaemon(true);
    }

    static HeapSampler start() {
      HeapSampler s = new HeapSampler();
      s.sample();
      s.thread.start();
      return s;
    }

    private void sample() {
      peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    }

    long peakBytes() {
      sample();
      return peak.get();
    }

    @Override
    public void close() throws InterruptedException {
      thread.interrupt();
      thread.join();
    }
  }
}
