package io.grokking.sweep.spark;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Follows a sweep's job: tasks in flight and retries from Spark listener events (other jobs on
 * the same session, such as the analysis, are ignored), finished runs by outcome from the
 * accumulators the tasks bump. Read it with {@link #snapshot()} from any thread.
 */
public final class ProgressTracker extends SparkListener {
  private final int total;
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
    }
  }
}
