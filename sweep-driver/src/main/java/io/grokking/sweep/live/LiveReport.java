package io.grokking.sweep.live;

import io.grokking.sweep.analyze.AnalyzeStage;
import io.grokking.sweep.config.LiveReportConfig;
import io.grokking.sweep.config.SweepConfig;
import io.grokking.sweep.spark.FaultInjection;
import io.grokking.sweep.spark.ProgressTracker;
import io.grokking.sweep.spark.SweepJob;
import io.grokking.trainer.config.RunSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes {@code DIR/report/} from the runs committed so far while a sweep trains, marked
 * partial ({@code partial: N of M runs committed, refreshed HH:MM}), as {@link LiveReportConfig}
 * says when. One driver thread checks every {@link #POLL_MILLIS} ms whether a refresh is due and
 * runs it itself, so there is never more than one, and refreshes that fall due while one runs are
 * skipped, not queued.
 *
 * <p>Its Spark jobs run in their own job group, {@value #JOB_GROUP}, which the sweep's {@link
 * ProgressTracker} does not count, and in their own FAIR scheduler pool, {@value #POOL}: with
 * Spark's default FIFO scheduling they would wait behind every training task still queued, that
 * is until training ends. {@link #sparkConf} sets FAIR scheduling up so that the pool gets one
 * task slot as soon as a run ends and more only once no training task waits; running training
 * tasks are never pre-empted.
 *
 * <p>A refresh that fails (an exception, a full disk, a damaged file) is logged in one line and
 * the sweep goes on: the live report never changes the sweep's outcome, and it writes only what
 * the final analysis writes again. {@link #close} cancels a refresh under way and joins the
 * thread, so the final analysis runs alone.
 */
public final class LiveReport implements AutoCloseable {
  /** The FAIR scheduler pool of the partial analyses. */
  public static final String POOL = "grok-report";
  /** The Spark job group of the partial analyses. */
  public static final String JOB_GROUP = "grok-partial-report";
  static final long POLL_MILLIS = 200;
  private static final String SCHEDULER_MODE = "spark.scheduler.mode";
  private static final String ALLOCATION_FILE = "spark.scheduler.allocation.file";
  private static final Logger LOG = LoggerFactory.getLogger(LiveReport.class);

  private final SparkSession spark;
  private final String outDir;
  private final SweepConfig sweep;
  private final FaultInjection faults;
  private final Configuration hadoop;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile List<RunSpec> runs = List.of();
  private ProgressTracker current;
  private int finishedBefore;

  private LiveReport(SparkSession spark, String outDir, SweepConfig sweep, FaultInjection faults,
      Configuration hadoop) {
    this.spark = spark;
    this.outDir = outDir;
    this.sweep = sweep;
    this.faults = faults;
    this.hadoop = hadoop;
    // no inherited Spark local properties: the starting thread's job group is the sweep's
    this.thread = new Thread(null, this::loop, "grok-live-report", 0, false);
    this.thread.setDaemon(true);
  }

  /**
   * Starts refreshing the report of the sweep into {@code outDir}, or returns null when its
   * {@code sweep.report-every} is off. Tell it the sweep's runs ({@link #plan}) and the tracker
   * of each training job ({@link #follow}).
   */
  public static LiveReport start(SparkSession spark, String outDir, SweepConfig sweep,
      FaultInjection faults, Configuration hadoop) {
    if (!sweep.liveReport().enabled()) {
      return null;
    }
    LiveReport live = new LiveReport(spark, outDir, sweep, faults, hadoop);
    live.thread.start();
    return live;
  }

  /**
   * The Spark settings the session needs for the partial analyses not to wait behind training:
   * FAIR scheduling with the pools of {@link #POOL} and {@code default}, unless {@code user} (the
   * --spark-conf settings) or spark-submit chose a scheduler mode or a pools file already.
   */
  public static Map<String, String> sparkConf(Map<String, String> user) {
    Map<String, String> conf = new LinkedHashMap<>();
    if (user.containsKey(SCHEDULER_MODE) || System.getProperty(SCHEDULER_MODE) != null
        || user.containsKey(ALLOCATION_FILE) || System.getProperty(ALLOCATION_FILE) != null) {
      return conf;
    }
    conf.put(SCHEDULER_MODE, "FAIR");
    conf.put(ALLOCATION_FILE, allocationFile().toString());
    return conf;
  }

  /**
   * The pools file: training (the {@code default} pool) weighs far more than the report's pool,
   * whose minimum share of one slot lets it start a task whenever one is free.
   */
  private static Path allocationFile() {
    String xml = """
        <?xml version="1.0"?>
        <allocations>
          <pool name="default">
            <schedulingMode>FIFO</schedulingMode><weight>1000</weight><minShare>0</minShare>
          </pool>
          <pool name="%s">
            <schedulingMode>FIFO</schedulingMode><weight>1</weight><minShare>1</minShare>
          </pool>
        </allocations>
        """.formatted(POOL);
    try {
      Path file = Files.createTempFile("grok-fairscheduler-", ".xml");
      file.toFile().deleteOnExit();
      return Files.writeString(file, xml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Spark scheduler pools file", e);
    }
  }

  /** The sweep's runs so far: the grid, and each round of a refining sweep as it comes. */
  public void plan(List<RunSpec> sweepRuns) {
    this.runs = List.copyOf(sweepRuns);
  }

  /** Counts runs finished by the training job {@code tracker} follows, after the earlier ones. */
  public synchronized void follow(ProgressTracker tracker) {
    if (current != null) {
      finishedBefore += current.snapshot().done();
    }
    current = tracker;
  }

  private synchronized int finished() {
    return finishedBefore + (current == null ? 0 : current.snapshot().done());
  }

  private void loop() {
    SparkContext sc = spark.sparkContext();
    sc.setJobGroup(JOB_GROUP, "grok sweep: partial report", false);
    sc.setLocalProperty("spark.scheduler.pool", POOL);
    LiveReportConfig cadence = sweep.liveReport();
    long minInterval = cadence.minIntervalDuration().toNanos();
    long lastStart = System.nanoTime();
    int lastFinished = 0;
    int refreshes = 0;
    while (!stopping) {
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      List<RunSpec> planned = runs;
      int finished = finished();
      if (stopping || planned.isEmpty() || finished - lastFinished < cadence.step(planned.size())
          || System.nanoTime() - lastStart < minInterval) {
        continue;
      }
      lastStart = System.nanoTime();
      lastFinished = finished;
      if (!refresh(planned, refreshes++)) {
        return;
      }
    }
  }

  /** One refresh; false when nothing more should be tried (the JVM is out of memory). */
  private boolean refresh(List<RunSpec> planned, int refresh) {
    try {
      faults.partialReport(refresh);
      int total = planned.size();
      int committed = total - SweepJob.pending(planned, outDir, hadoop).size();
      if (committed == 0) {
        return true;
      }
      AnalyzeStage.Report report = AnalyzeStage.partial(spark, outDir, sweep, committed, total);
      LOG.info("Partial report: {} ({} of {} runs committed)", report.reportPath(), committed,
          total);
    } catch (Exception | Error e) {
      if (stopping) {
        LOG.info("Partial report stopped: training ended ({})", e.toString());
      } else {
        LOG.warn("Partial report of {} failed; the sweep goes on ({})", outDir, oneLine(e), e);
      }
      return !(e instanceof VirtualMachineError);
    }
    return true;
  }

  private static String oneLine(Throwable e) {
    return String.valueOf(e).lines().findFirst().orElse("");
  }

  /**
   * Stops refreshing: the Spark jobs of a refresh under way are cancelled, and any it starts next,
   * until the thread ends; then nothing of it runs. The thread is not interrupted, so a file it
   * writes on the driver is never cut off mid-write (on HDFS that would leave the file's lease
   * held, and the final analysis could not write it again).
   */
  @Override
  public void close() {
    stopping = true;
    SparkContext sc = spark.sparkContext();
    boolean interrupted = false;
    while (thread.isAlive()) {
      if (!sc.isStopped()) {
        sc.cancelJobGroup(JOB_GROUP);
      }
      try {
        thread.join(POLL_MILLIS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
