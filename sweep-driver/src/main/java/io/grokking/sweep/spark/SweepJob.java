package io.grokking.sweep.spark;

import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.output.Layout;
import io.grokking.trainer.output.SharedConfiguration;
import io.grokking.trainer.output.UnwritableOutput;
import io.grokking.trainer.run.Faults;
import io.grokking.trainer.run.RunExecutor;
import io.grokking.trainer.run.RunOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans a sweep out over Spark: one partition, hence one task, per run, so a run that throws is
 * retried alone. A run that still throws on its last attempt becomes a {@link RunStatus#FAILED}
 * outcome instead of aborting the job, and the sweep goes on. Retried and speculative attempts
 * stage apart and commit through {@link io.grokking.trainer.output.RunCommitter}, so each run is
 * committed once; an attempt that dies mid-run leaves a checkpoint its retry continues from.
 *
 * <p>A write the storage refuses for good ({@link UnwritableOutput}: a full disk, a quota, a
 * read-only file system, permission denied) is not retried: the attempt ends with an {@link
 * RunOutcome.Ending#UNWRITABLE} outcome, and every later task of the sweep on that executor ends
 * at once, {@link RunOutcome.Ending#NOT_STARTED}, without training. On a cluster each other
 * executor stops the same way after its own first refused write.
 */
public final class SweepJob {
  /** Local mode with up to 4 attempts per task, so local runs are retried like cluster ones. */
  public static final String DEFAULT_MASTER = "local[*,4]";
  static final String JOB_GROUP = "grok-sweep";
  private static final Logger LOG = LoggerFactory.getLogger(SweepJob.class);
  private static final Pattern LOCAL_WITH_RETRIES = Pattern.compile("local\\[[^,\\]]+,(\\d+)]");
  private static final int SPARK_DEFAULT_MAX_FAILURES = 4;

  /** Sweeps (by invocation id) this executor JVM found unwritable, and why. */
  private static final Map<String, UnwritableOutput.Reason> UNWRITABLE =
      new ConcurrentHashMap<>();

  private static final String PLUGINS = "spark.plugins";
  private static final String WARM_UP = WarmUpPlugin.class.getName();

  private final SparkSession spark;

  public SweepJob(SparkSession spark) {
    this.spark = spark;
  }

  /** Starts (or joins) the session a sweep runs on. */
  public static SparkSession session(SessionSettings settings) {
    SparkSession.Builder builder = SparkSession.builder()
        .master(settings.master())
        .appName(settings.appName())
        .config("spark.ui.enabled", settings.uiEnabled())
        // A task owns as many cores as its trainer has threads, so cores are never oversubscribed.
        .config("spark.task.cpus", settings.threads())
        .config("spark.executorEnv.OMP_NUM_THREADS", settings.threads())
        .config("spark.executorEnv.OPENBLAS_NUM_THREADS", settings.threads());
    if (settings.master().startsWith("local")) {
      // Local mode talks to nobody: keep the driver on loopback rather than the first interface.
      builder.config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1");
    }
    settings.extra().forEach(builder::config);
    // Executors start the trainer (ND4J, DL4J) in the background as they start; plugins the user
    // configured (--spark-conf, or spark-submit's --conf) stay.
    if (settings.warmUpTrainer()) {
      builder.config(PLUGINS, withWarmUp(
          settings.extra().getOrDefault(PLUGINS, System.getProperty(PLUGINS))));
    }
    return builder.getOrCreate();
  }

  /** {@code spark.plugins} with the warm-up plugin added to the user's, if any. */
  static String withWarmUp(String plugins) {
    if (plugins == null || plugins.isBlank()) {
      return WARM_UP;
    }
    return List.of(plugins.split(",")).stream().map(String::trim).anyMatch(WARM_UP::equals)
        ? plugins : plugins + "," + WARM_UP;
  }

  /** The production run function: trains the run in the task's JVM. */
  public static RunFunction training() {
    return new Train();
  }

  /** The runs of {@code specs} that have no committed result file under {@code outDir} yet. */
  public static List<RunSpec> pending(List<RunSpec> specs, String outDir, Configuration conf) {
    Layout layout = new Layout(outDir);
    Path results = layout.table(Layout.RESULTS);
    Set<String> committed = new HashSet<>();
    try {
      FileSystem fs = results.getFileSystem(conf);
      if (fs.exists(results)) {
        // One listing per partition (DIR/results/modulus=P/RUN.parquet), not listFiles(.., true):
        // its LocatedFileStatus reads every file's permissions, which the local file system
        // does by starting an ls process per file without Hadoop's native library (issue 22).
        for (FileStatus partition : fs.listStatus(results)) {
          if (partition.isDirectory()) {
            for (FileStatus file : fs.listStatus(partition.getPath())) {
              committed.add(partitionAndName(file.getPath()));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list committed runs under " + results, e);
    }
    return specs.stream()
        .filter(s -> !committed.contains(
            partitionAndName(layout.runFile(Layout.RESULTS, s.modulus(), s.runId()))))
        .toList();
  }

  /**
   * Removes {@code DIR/_staging}: the files of attempts that died (a killed driver, a lost
   * executor). Call it only while no sweep writes into {@code outDir}. Returns how many attempt
   * directories were there.
   */
  public static int clearStaging(String outDir, Configuration conf) {
    Path staging = new Path(outDir, Layout.STAGING);
    try {
      FileSystem fs = staging.getFileSystem(conf);
      if (!fs.exists(staging)) {
        return 0;
      }
      int attempts = fs.listStatus(staging).length;
      fs.delete(staging, true);
      return attempts;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + staging, e);
    }
  }

  private static volatile Configuration hadoopConf;

  /**
   * One Hadoop configuration per executor JVM, built from Spark's own, so {@code spark.hadoop.*}
   * settings reach the trainer's file systems. A fresh {@code Configuration} per run would parse
   * Hadoop's default XML resources again, every run.
   */
  static Configuration hadoopConf() {
    Configuration conf = hadoopConf;
    if (conf == null) {
      synchronized (SweepJob.class) {
        conf = hadoopConf;
        if (conf == null) {
          SparkEnv env = SparkEnv.get();
          conf = env == null ? SharedConfiguration.get()
              : SparkHadoopUtil.get().newConfiguration(env.conf());
          hadoopConf = conf;
        }
      }
    }
    return conf;
  }

  /** Runs every spec as its own task and waits for all outcomes, in the order of {@code specs}. */
  public SweepResult run(List<RunSpec> specs, String outDir, RunFunction fn,
      ProgressTracker tracker) {
    return run(specs, outDir, fn, tracker, FaultInjection.NONE);
  }

  /** As above, with {@code faults} injected into the tasks' attempts (tests only). */
  public SweepResult run(List<RunSpec> specs, String outDir, RunFunction fn,
      ProgressTracker tracker, FaultInjection faults) {
    SparkContext sc = spark.sparkContext();
    RunCounters counters = RunCounters.register(sc);
    tracker.attach(counters);
    sc.addSparkListener(tracker);
    int attempts = maxAttempts(sc);
    long start = System.nanoTime();
    LOG.info("Submitting {} runs to {} ({} attempts per run)", specs.size(), sc.master(), attempts);
    String sweepId = UUID.randomUUID().toString();
    try {
      sc.setJobGroup(JOB_GROUP, "grok sweep: " + specs.size() + " runs", false);
      List<RunSpec> longestFirst = longestFirst(specs);
      tracker.partitions(longestFirst.stream().map(RunSpec::runId).toList(), attempts);
      List<RunOutcome> submitted = specs.isEmpty() ? List.of()
          : JavaSparkContext.fromSparkContext(sc)
              .parallelize(longestFirst, specs.size())
              .map(new RunTask(outDir, fn, attempts, counters, faults, sweepId))
              .collect();
      List<RunOutcome> outcomes = inOrderOf(specs, longestFirst, submitted);
      double wall = (System.nanoTime() - start) / 1e9;
      int slots = Math.max(1, sc.defaultParallelism() / sc.getConf().getInt("spark.task.cpus", 1));
      return new SweepResult(outcomes, wall, slots, tracker.snapshot().retried());
    } finally {
      UNWRITABLE.remove(sweepId);
      sc.clearJobGroup();
      tracker.detach();
      sc.removeSparkListener(tracker);
    }
  }

  /**
   * The specs by {@link #estimatedCost}, largest first. Slots then finish at about the same time
   * instead of one long run keeping a slot busy while the others idle.
   */
  static List<RunSpec> longestFirst(List<RunSpec> specs) {
    List<RunSpec> sorted = new java.util.ArrayList<>(specs);
    sorted.sort(java.util.Comparator.comparingDouble(SweepJob::estimatedCost).reversed());
    return sorted;
  }

  /** A run's training time up to a constant, as its family estimates it ({@code cost}). */
  static double estimatedCost(RunSpec spec) {
    return spec.model().spec().cost(spec);
  }

  private static List<RunOutcome> inOrderOf(List<RunSpec> specs, List<RunSpec> submitted,
      List<RunOutcome> outcomes) {
    java.util.Map<RunSpec, RunOutcome> byRun = new java.util.IdentityHashMap<>();
    for (int i = 0; i < outcomes.size(); i++) {
      byRun.put(submitted.get(i), outcomes.get(i));
    }
    return specs.stream().map(byRun::get).toList();
  }

  /** Attempts Spark makes per task: {@code local[N,F]} gives F, plain local mode gives 1. */
  static int maxAttempts(SparkContext sc) {
    return maxAttempts(sc.master(),
        sc.getConf().getInt("spark.task.maxFailures", SPARK_DEFAULT_MAX_FAILURES));
  }

  static int maxAttempts(String master, int configuredMaxFailures) {
    Matcher m = LOCAL_WITH_RETRIES.matcher(master);
    if (m.matches()) {
      return Integer.parseInt(m.group(1));
    }
    if (master.equals("local") || master.matches("local\\[[^,\\]]+]")) {
      return 1;
    }
    return configuredMaxFailures;
  }

  private static String partitionAndName(Path file) {
    return file.getParent().getName() + "/" + file.getName();
  }

  static RunOutcome failed(RunSpec spec, Throwable error) {
    return new RunOutcome(spec.runId(), spec.modulus(), spec.weightDecay(), spec.trainFraction(),
        spec.seed(), RunStatus.FAILED, 0, error.toString(), Double.NaN, Double.NaN, 0, 0, 0,
        false);
  }

  /** An outcome that committed nothing because the output could not be written. */
  static RunOutcome unwritable(RunSpec spec, RunOutcome.Ending ending,
      UnwritableOutput.Reason reason, String message) {
    return new RunOutcome(spec.runId(), spec.modulus(), spec.weightDecay(), spec.trainFraction(),
        spec.seed(), null, 0, message, Double.NaN, Double.NaN, 0, 0, 0, false, ending, reason);
  }

  /** Executor side: one run per call. Holds only serializable fields. */
  private static final class RunTask implements Function<RunSpec, RunOutcome> {
    private final String outDir;
    private final RunFunction fn;
    private final int maxAttempts;
    private final RunCounters counters;
    private final FaultInjection faults;
    private final String sweepId;

    RunTask(String outDir, RunFunction fn, int maxAttempts, RunCounters counters,
        FaultInjection faults, String sweepId) {
      this.outDir = outDir;
      this.fn = fn;
      this.maxAttempts = maxAttempts;
      this.counters = counters;
      this.faults = faults;
      this.sweepId = sweepId;
    }

    @Override
    public RunOutcome call(RunSpec spec) {
      TaskContext task = TaskContext.get();
      UnwritableOutput.Reason earlier = UNWRITABLE.get(sweepId);
      if (earlier != null) {
        return unwritable(spec, RunOutcome.Ending.NOT_STARTED, earlier,
            "not started: " + earlier.description() + " under " + outDir);
      }
      RunOutcome outcome;
      try {
        outcome = fn.run(spec, outDir, Long.toString(task.taskAttemptId()),
            faults.forAttempt(spec, task.attemptNumber(), outDir));
      } catch (RuntimeException | LinkageError | org.apache.hadoop.fs.FSError e) {
        Optional<UnwritableOutput.Reason> reason = UnwritableOutput.reasonOf(e);
        if (reason.isPresent() && !task.isInterrupted()) {
          // A retry would meet the same full disk: end here, and start no further run.
          UNWRITABLE.putIfAbsent(sweepId, reason.get());
          LoggerFactory.getLogger(SweepJob.class).warn("Run {} could not write {} ({}); no"
              + " further run of this sweep starts here", spec.runId(), outDir,
              reason.get().description(), e);
          return unwritable(spec, RunOutcome.Ending.UNWRITABLE, reason.get(), String.valueOf(e));
        }
        // Earlier attempts rethrow so Spark retries the run; the last one records the failure
        // so one broken run cannot abort the sweep. A killed task is never turned into a result.
        if (task.isInterrupted() || task.attemptNumber() + 1 < maxAttempts) {
          throw e;
        }
        LoggerFactory.getLogger(SweepJob.class)
            .warn("Run {} failed on its last attempt", spec.runId(), e);
        outcome = failed(spec, e);
      }
      counters.count(outcome);
      return outcome;
    }
  }

  /** Trains through the trainer module, with the executor's {@link #hadoopConf()}. */
  private static final class Train implements RunFunction {

    @Override
    public RunOutcome run(RunSpec spec, String outDir, String attempt) {
      return run(spec, outDir, attempt, Faults.NONE);
    }

    @Override
    public RunOutcome run(RunSpec spec, String outDir, String attempt, Faults faults) {
      try {
        return RunExecutor.execute(spec, outDir, attempt, hadoopConf(), faults);
      } catch (IOException e) {
        // Storage trouble is worth a retry; RunTask records it if the last attempt hits it too.
        throw new UncheckedIOException("run " + spec.runId() + " could not read or write "
            + outDir, e);
      }
    }
  }
}
