package io.grokking.sweep.spark;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.TaskEndReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Follows a sweep's job: tasks in flight and retries from Spark listener events (other jobs on
 * the same session, such as the analysis, are ignored), finished runs by outcome from the
 * accumulators the tasks bump. Read it with {@link #snapshot()} from any thread. Each attempt
 * that fails and is retried gets one log line naming its run and the error; Spark's own report of
 * it, stack trace included, goes to the log file only.
 */
public final class ProgressTracker extends SparkListener {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressTracker.class);
  private final int total;
  private volatile List<String> runIds = List.of();
  private volatile int maxAttempts = 1;
  private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger retried = new AtomicInteger();
  private volatile RunCounters counters;
  private volatile long startNanos = System.nanoTime();
  private volatile long endNanos;

  public ProgressTracker(int total) {
    this.total = total;
  }

  void attach(RunCounters runCounters) {
    this.counters = runCounters;
    this.startNanos = System.nanoTime();
  }

  /** The run id of each partition, in partition order, and the attempts Spark makes per run. */
  void partitions(List<String> partitionRunIds, int attempts) {
    this.runIds = List.copyOf(partitionRunIds);
    this.maxAttempts = attempts;
  }

  /** The job returned: nothing runs any more, whatever listener events are still queued. */
  void detach() {
    this.endNanos = System.nanoTime();
  }

  public Progress snapshot() {
    RunCounters c = counters;
    long end = endNanos;
    return new Progress(total,
        c == null ? 0 : (int) c.finished().sum(),
        end != 0 ? 0 : Math.max(0, running.get()),
        c == null ? 0 : (int) c.failed().sum(),
        c == null ? 0 : (int) c.generalized().sum(),
        c == null ? 0 : (int) c.skipped().sum(),
        retried.get(), Duration.ofNanos((end != 0 ? end : System.nanoTime()) - startNanos));
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    if (jobStart.properties() != null
        && SweepJob.JOB_GROUP.equals(jobStart.properties().getProperty("spark.jobGroup.id"))) {
      for (Object id : CollectionConverters.asJava(jobStart.stageIds())) {
        stages.add((Integer) id);
      }
    }
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart taskStart) {
    if (stages.contains(taskStart.stageId())) {
      running.incrementAndGet();
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (!stages.contains(taskEnd.stageId())) {
      return;
    }
    running.decrementAndGet();
    if (!taskEnd.taskInfo().successful()) {
      retried.incrementAndGet();
      int index = taskEnd.taskInfo().index();
      List<String> ids = runIds;
      LOG.warn("Run {} attempt {} of {} ended without a result: {}",
          index < ids.size() ? ids.get(index) : "#" + index,
          taskEnd.taskInfo().attemptNumber() + 1, maxAttempts, oneLine(taskEnd.reason()));
    }
  }

  /** {@code Type: message} of a task's end, on one line. */
  static String oneLine(TaskEndReason reason) {
    String text;
    if (reason instanceof ExceptionFailure e) {
      String type = e.className();
      text = type.substring(type.lastIndexOf('.') + 1) + ": " + e.description();
    } else {
      text = String.valueOf(reason);
    }
    String first = text.strip().lines().findFirst().orElse("");
    return first.length() > 300 ? first.substring(0, 300) + "..." : first;
  }
}
