package io.grokking.sweep.cli;

import io.grokking.sweep.analyze.AnalyzeStage;
import io.grokking.sweep.config.ConfigLoader;
import io.grokking.sweep.config.ConfigRenderer;
import io.grokking.sweep.config.Provenance;
import io.grokking.sweep.config.SweepConfig;
import io.grokking.sweep.grid.GridExpander;
import io.grokking.sweep.lease.DirectoryLease;
import io.grokking.sweep.live.LiveReport;
import io.grokking.sweep.refine.RefiningSweep;
import io.grokking.sweep.spark.FaultInjection;
import io.grokking.sweep.spark.ProgressTracker;
import io.grokking.sweep.spark.RunFunction;
import io.grokking.sweep.spark.SessionSettings;
import io.grokking.sweep.spark.SweepJob;
import io.grokking.sweep.spark.SweepResult;
import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.output.DamagedRuns;
import io.grokking.trainer.output.Layout;
import io.grokking.trainer.output.SharedConfiguration;
import io.grokking.trainer.output.UnwritableOutput;
import io.grokking.trainer.run.WarmUp;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code grok sweep}: validates the configuration and the output directory, writes
 * {@code DIR/sweep.conf}, trains every pending run on Spark, analyses and prints a summary.
 * Nothing is written before the configuration and {@code DIR} have been accepted.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Train every run of a grid (moduli × weight decays × train fractions × any"
        + " other settings under sweep.axes × seeds) on Spark, then classify phases and draw the report. Re-running into the same DIR"
        + " resumes: committed runs are skipped, and a run cut off mid-way continues from its"
        + " last checkpoint (train.checkpoint-every). Committed runs whose files cannot be read"
        + " are moved aside to DIR/_damaged and trained again. While it runs, the sweep holds"
        + " a lease on DIR (DIR/_lease) that keeps a second grok sweep out, and logs in full"
        + " to DIR/logs/sweep-TIME.log. With sweep.refine.rounds = R > 0 the grid is only the"
        + " coarse level: R rounds then subdivide, on the diagram axes, the cells whose corners"
        + " disagree and train the new points (see grok compare).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every run completed, generalized or settled",
        "1:a run failed or diverged, or the analysis failed",
        "2:usage or configuration error, or another grok sweep holds DIR; nothing was written",
        "3:DIR could not be written (no space left, quota, read-only, permission denied):"
            + " no further run was started, committed runs are intact; make room and run the"
            + " same command again to resume"})
final class SweepCommand implements Callable<Integer> {
  static final String DEFAULT_CONFIG = "conf/demo.conf";
  static final String DEFAULT_OUT_PARENT = "runs";
  static final String TAKE_OVER_LEASE = "--take-over-lease";
  private static final Logger LOG = LoggerFactory.getLogger(SweepCommand.class);

  @Option(names = "--config", paramLabel = "FILE",
      description = "HOCON sweep configuration (default: " + DEFAULT_CONFIG
          + " of the grok checkout)")
  Path config;

  @Option(names = "--out", paramLabel = "DIR",
      description = "output directory, a local path or a Hadoop URI such as hdfs://..."
          + " (default: " + DEFAULT_OUT_PARENT + "/<config file name>)")
  String out;

  // Under spark-submit the submitted master (system property spark.master) is the default.
  @Option(names = "--master", paramLabel = "URL",
      defaultValue = "${sys:spark.master:-" + SweepJob.DEFAULT_MASTER + "}",
      description = "Spark master (default: the one spark-submit was given, else "
          + SweepJob.DEFAULT_MASTER + ": all cores, 4 attempts per run)")
  String master;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "override one configuration key, e.g. --set train.steps=500,"
          + " --set sweep.seeds=0,1,2 or --set sweep.axes.train.learning-rate=1e-3,3e-3;"
          + " beats the config file; repeatable")
  List<String> sets = new ArrayList<>();

  @Option(names = "--force",
      description = "run into a DIR that holds a sweep with a different grid: runs of both"
          + " configurations then share DIR, its sweep.conf is replaced and the report mixes"
          + " them")
  boolean force;

  @Option(names = TAKE_OVER_LEASE,
      description = "run even though another grok sweep holds DIR's lease (DIR/_lease) and"
          + " looks alive: for a driver known to be gone whose lease is not yet stale (a"
          + " lease of a process gone from this host, or not refreshed for 10 minutes, is"
          + " taken over without this option)")
  boolean takeOverLease;

  @Option(names = "--spark-ui", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "serve the Spark web UI while the sweep runs (default: on)")
  boolean sparkUi;

  @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
      description = "extra Spark setting, e.g. --spark-conf spark.driver.memory=4g; repeatable."
          + " For tests, " + FaultInjection.KEY + "=POINT:N[@RUN],... makes the first N"
          + " attempts of each run (or of runs whose id starts with RUN) die at POINT: start,"
          + " mid-train or commit (see sweep-driver/FAULTS.md)")
  Map<String, String> sparkConf = new LinkedHashMap<>();

  @Option(names = "--analyze", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "classify phases and draw the report after training, and refresh it from"
          + " the runs committed so far while training (sweep.report-every) (default: on)")
  boolean analyze;

  private final Console console;
  private final RunFunction runFunction;

  SweepCommand(Console console, RunFunction runFunction) {
    this.console = console;
    this.runFunction = runFunction;
  }

  @Override
  public Integer call() throws IOException {
    Path configFile = config != null ? config : GrokCli.home().resolve(DEFAULT_CONFIG);
    SweepConfig sweep = ConfigLoader.load(configFile, sets);
    FaultInjection faults = FaultInjection.parse(sparkConf.get(FaultInjection.KEY));
    List<RunSpec> specs = new ArrayList<>(GridExpander.expand(sweep));
    RefiningSweep refining = sweep.refine().enabled() ? refining(sweep, configFile, specs) : null;
    String outDir = OutputDir.normalize(out != null ? out : defaultOut(configFile));
    OutputDir.State state = OutputDir.check(outDir, sweep.gridHash(), force);
    Configuration hadoop = SharedConfiguration.get();

    // Everything is validated; from here on the sweep writes, under the lease on DIR.
    DirectoryLease lease;
    try {
      lease = DirectoryLease.acquire(outDir, hadoop, takeOverLease);
    } catch (DirectoryLease.Held e) {
      throw new ConfigException("--out", e.getMessage() + "; wait for it to finish, or pass "
          + TAKE_OVER_LEASE + " if that driver is gone");
    } catch (IOException | RuntimeException | FSError e) {
      return unwritable(e, outDir, specs, hadoop, null);
    }
    try (lease; RunLog log = RunLog.start(outDir, "sweep")) {
      try {
        return sweep(sweep, faults, specs, outDir, state, hadoop, log, refining);
      } catch (Exception | FSError e) {
        // Exception, not only RuntimeException: Spark throws its checked SparkException from
        // Java calls undeclared, e.g. when the analysis' table write meets a full disk
        if (UnwritableOutput.reasonOf(e).isPresent()) {
          LOG.warn("grok sweep could not write {}", outDir, e);
          return unwritable(e, outDir, specs, hadoop, log);
        }
        LOG.error("grok sweep into {} failed", outDir, e);
        console.err().println("error: " + GrokCli.describe(e) + log.file()
            .map(f -> " (stack trace in " + f + ")").orElse(""));
        return GrokCli.EXIT_FAILED;
      }
    }
  }

  /**
   * The configuration the sweep started from, as the opening line names it: the file and how
   * many --set overrides, and for no --config that the demo's file is no table of defaults.
   */
  private String configName() {
    String file = config != null ? config.toString()
        : DEFAULT_CONFIG + " (the default; grok keys --config " + DEFAULT_CONFIG
            + " lists its values)";
    return file + (sets.isEmpty() ? "" : " with " + sets.size() + " --set");
  }

  /**
   * The rounds of a refining sweep, whose coarse level must be exactly the configured grid: each
   * point's runs come from the configuration with the point's values fixed, so they are the runs
   * a grid holding those values would have.
   */
  private RefiningSweep refining(SweepConfig sweep, Path configFile, List<RunSpec> grid) {
    RefiningSweep refining = new RefiningSweep(sweep,
        fixed -> GridExpander.expand(ConfigLoader.point(configFile, sets, fixed)));
    java.util.Set<String> ids = new java.util.HashSet<>();
    grid.forEach(s -> ids.add(s.runId()));
    java.util.Set<String> coarse = new java.util.HashSet<>();
    refining.coarse().forEach(s -> coarse.add(s.runId()));
    if (!ids.equals(coarse)) {
      throw new IllegalStateException("The coarse level of the refinement has " + coarse.size()
          + " runs that differ from the grid's " + ids.size());
    }
    return refining;
  }

  private int sweep(SweepConfig sweep, FaultInjection faults, List<RunSpec> specs, String outDir,
      OutputDir.State state, Configuration hadoop, RunLog log, RefiningSweep refining)
      throws IOException {
    OutputDir.writeSweepConf(outDir,
        ConfigRenderer.render(sweep, Provenance.capture(GrokCli.home())));
    List<String> notes = new ArrayList<>();
    if (state != OutputDir.State.NEW) {
      // Attempts of an earlier, interrupted invocation; checkpoints under _checkpoints stay.
      int stale = SweepJob.clearStaging(outDir, hadoop);
      if (stale > 0) {
        LOG.info("Removed {} staging directories of attempts that did not finish", stale);
      }
      moveDamagedAside(outDir, hadoop).ifPresent(notes::add);
    }
    if (!faults.isEmpty()) {
      LOG.warn("Fault injection is on ({}={}): attempts will fail on purpose", FaultInjection.KEY,
          sparkConf.get(FaultInjection.KEY));
    }
    List<RunSpec> pending = SweepJob.pending(specs, outDir, hadoop);
    boolean mayTrain = !pending.isEmpty() || refining != null;
    if (mayTrain && master.startsWith("local")) {
      // This JVM is the executor: start the trainer while Spark starts.
      WarmUp.startInBackground(sweep.train().threads(), hadoop);
    }
    int committedBefore = specs.size() - pending.size();
    console.out().printf("grok sweep: %d runs into %s (%s, %d already committed, grid %s,"
        + " config %s)%s%n", specs.size(), outDir,
        state.name().toLowerCase(java.util.Locale.ROOT), committedBefore, sweep.gridHash(),
        configName(), refining == null ? "" : "; then up to " + sweep.refine().rounds()
            + " rounds of refinement on " + sweep.analysis().x() + " × " + sweep.analysis().y());

    // the report refreshed while training, from the runs committed so far (sweep.report-every)
    boolean live = analyze && mayTrain && sweep.liveReport().enabled();
    Map<String, String> sessionConf = sparkConf;
    if (live) {
      sessionConf = new LinkedHashMap<>(LiveReport.sparkConf(sparkConf));
      sessionConf.putAll(sparkConf);
    }
    SessionSettings settings = new SessionSettings(master, "grok sweep " + outDir, sparkUi,
        sweep.train().threads(), sessionConf, mayTrain);
    try (SparkSession session = SweepJob.session(settings)) {
      return trainAndAnalyse(session, sweep, faults, specs, pending, outDir, hadoop, log,
          refining, notes, committedBefore, live);
    }
  }

  /**
   * Trains the pending runs (and the rounds of a refining sweep) while the live report, if on,
   * refreshes the partial report; then analyses and prints the summary.
   */
  private int trainAndAnalyse(SparkSession spark, SweepConfig sweep, FaultInjection faults,
      List<RunSpec> specs, List<RunSpec> pending, String outDir, Configuration hadoop,
      RunLog log, RefiningSweep refining, List<String> notes, int committedBefore,
      boolean live) {
    SweepResult result;
    LiveReport liveReport = live ? LiveReport.start(spark, outDir, sweep, faults, hadoop)
        : null;
    try {
      if (liveReport != null) {
        liveReport.plan(specs);
      }
      result = train(spark, pending, outDir, faults, "", liveReport);
      if (refining != null) {
        while (!refining.done() && result.unwritable().isEmpty()) {
          RefiningSweep.Round round = refining.next(
              AnalyzeStage.corners(spark, outDir, sweep.analysis()));
          List<RunSpec> todo = SweepJob.pending(round.specs(), outDir, hadoop);
          specs.addAll(round.specs());
          if (liveReport != null) {
            liveReport.plan(specs);
          }
          committedBefore += round.specs().size() - todo.size();
          String label = "round " + round.number() + "/" + sweep.refine().rounds() + ": ";
          console.out().println(label + Summary.round(round, todo.size(),
              sweep.refine().maxRuns()));
          result = result.plus(train(spark, todo, outDir, faults, label, liveReport));
        }
        notes.add(Summary.refinement(refining));
      }
    } finally {
      // the final analysis, if any, runs alone
      if (liveReport != null) {
        liveReport.close();
      }
    }
    notes.add(log.line());
    if (result.unwritable().isPresent()) {
      // No analysis: it would write into the same full directory.
      Summary.print(console.out(), result, committedBefore, null, notes);
      int left = SweepJob.pending(specs, outDir, hadoop).size();
      SweepJob.clearStaging(outDir, hadoop);
      console.err().println("error: " + Summary.unwritable(result.unwritable().get(), outDir,
          specs.size() - left, specs.size()));
      return GrokCli.EXIT_UNWRITABLE;
    }
    String report = null;
    boolean analysisFailed = false;
    if (analyze) {
      try {
        AnalyzeStage.Report r = AnalyzeStage.run(spark, outDir, sweep, List.of());
        console.out().println(r.summary());
        r.damaged().forEach(d -> console.err().println("error: damaged " + d.describe()));
        report = r.reportPath();
        analysisFailed = !r.damaged().isEmpty();
      } catch (Exception | FSError e) {
        // a write Spark refused arrives as its checked SparkException, undeclared
        Optional<UnwritableOutput.Reason> full = UnwritableOutput.reasonOf(e);
        if (full.isPresent()) {
          throw e instanceof UnwritableOutput u ? u : new UnwritableOutput(full.get(), e);
        }
        LOG.warn("Analysis of {} failed", outDir, e);
        console.err().println("error: analysis failed: " + GrokCli.describe(e));
        analysisFailed = true;
      }
    }
    Summary.print(console.out(), result, committedBefore, report, notes);
    return result.anyFailed() || analysisFailed ? GrokCli.EXIT_FAILED : GrokCli.EXIT_OK;
  }

  /** Trains {@code pending} as one Spark job, showing progress after {@code label}. */
  private SweepResult train(SparkSession spark, List<RunSpec> pending, String outDir,
      FaultInjection faults, String label, LiveReport liveReport) {
    if (pending.isEmpty()) {
      return new SweepResult(List.of(), 0, 0);
    }
    ProgressTracker tracker = new ProgressTracker(pending.size());
    if (liveReport != null) {
      liveReport.follow(tracker);
    }
    try (ProgressPrinter progress = ProgressPrinter.start(tracker, console, label)) {
      return new SweepJob(spark).run(pending, outDir, runFunction, tracker, faults);
    }
  }

  /**
   * Moves the committed runs whose files cannot be read under {@code DIR/_damaged/TIME/}, so
   * that this sweep trains them again; returns the summary's note about them, if any.
   */
  private Optional<String> moveDamagedAside(String outDir, Configuration hadoop)
      throws IOException {
    Layout layout = new Layout(outDir);
    DamagedRuns.Report check = DamagedRuns.check(layout, hadoop);
    if (check.damaged().isEmpty()) {
      return Optional.empty();
    }
    org.apache.hadoop.fs.Path folder = DamagedRuns.moveAside(layout, hadoop, check.damaged(),
        Instant.now());
    for (DamagedRuns.Damage d : check.damaged()) {
      LOG.warn("Damaged {}: moved aside to {}, trained again", d.describe(), folder);
      console.out().println("damaged " + d.describe() + "; its files are moved aside and it is"
          + " trained again");
    }
    int n = check.damaged().size();
    return Optional.of(n + (n == 1 ? " damaged run" : " damaged runs") + " moved aside to "
        + folder + " and trained again");
  }

  /**
   * Ends a sweep whose directory cannot be written: one message with the reason and the runs
   * committed so far, exit code {@value GrokCli#EXIT_UNWRITABLE}.
   */
  private int unwritable(Throwable e, String outDir, List<RunSpec> specs, Configuration hadoop,
      RunLog log) throws IOException {
    Optional<UnwritableOutput.Reason> reason = UnwritableOutput.reasonOf(e);
    if (reason.isEmpty()) {
      if (e instanceof IOException io) {
        throw io;
      }
      if (e instanceof Error error) {
        throw error;
      }
      throw (RuntimeException) e;
    }
    int committed = specs.size() - SweepJob.pending(specs, outDir, hadoop).size();
    console.err().println("error: " + Summary.unwritable(reason.get(), outDir, committed,
        specs.size()) + (log == null ? "" : log.file().map(f -> " (details in " + f + ")")
        .orElse("")));
    return GrokCli.EXIT_UNWRITABLE;
  }

  private static String defaultOut(Path configFile) {
    String name = configFile.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return DEFAULT_OUT_PARENT + "/" + (dot > 0 ? name.substring(0, dot) : name);
  }
}
