package io.grokking.sweep.spark;

import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.run.RunOutcome;
import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Accumulators that tasks bump as runs end, so the driver can show outcomes while it waits. Spark
 * merges them before it hands the task's result over, so they are exact once the job returns.
 */
record RunCounters(LongAccumulator finished, LongAccumulator generalized,
    LongAccumulator failed, LongAccumulator skipped) implements Serializable {

  static RunCounters register(SparkContext sc) {
    return new RunCounters(sc.longAccumulator("grok.runs.finished"),
        sc.longAccumulator("grok.runs.generalized"),
        sc.longAccumulator("grok.runs.failed"), sc.longAccumulator("grok.runs.skipped"));
  }

  void count(RunOutcome outcome) {
    finished.add(1);
    if (outcome.skipped()) {
      skipped.add(1);
    }
    // a settled run generalized too: its test accuracy held the phase threshold
    if (outcome.status() == RunStatus.GENERALIZED || outcome.status() == RunStatus.SETTLED) {
      generalized.add(1);
    }
    if (outcome.isFailure()) {
      failed.add(1);
    }
  }
}
