package io.grokking.trainer.train;

import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.data.ModularAddition;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.metrics.Schemas;
import org.apache.parquet.example.data.Group;
import io.grokking.trainer.model.ModularMlp;
import io.grokking.trainer.output.Layout;
import io.grokking.trainer.output.ParquetTable;
import io.grokking.trainer.output.RunCommitter;
import io.grokking.trainer.output.RunRows;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one grid cell end to end inside whatever process calls it (a Spark task, a test, the
 * benchmark): skips it if already committed, trains it while streaming metrics into staging, then
 * commits. A run that throws or diverges is still committed, with its status and message, so the
 * sweep goes on and the failure is on record.
 */
public final class RunExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);

  private RunExecutor() {}

  /**
   * @param outDir the sweep output directory, any Hadoop FileSystem URI
   * @param attempt a unique name of this attempt (Spark's task attempt id), used for staging
   */
  public static RunOutcome execute(RunSpec spec, String outDir, String attempt, Configuration conf)
      throws IOException {
    Layout layout = new Layout(outDir);
    String runId = spec.runId();
    if (RunCommitter.isCommitted(layout, conf, spec.modulus(), runId)) {
      return new RunOutcome(runId, spec.modulus(), spec.weightDecay(), spec.trainFraction(),
          spec.seed(), null, 0, "already committed", Double.NaN, Double.NaN, 0, 0, 0, true);
    }
    long started = System.currentTimeMillis();
    long t0 = System.nanoTime();
    RunCommitter committer = new RunCommitter(layout, conf, spec.modulus(), runId, attempt);
    Trainer.Result result;
    RunRecorder.Mechanisms mechanisms = null;
    int nTrain = 0;
    int nTest = 0;
    List<String> tables = new ArrayList<>();
    try {
      Threads.apply(spec.train().threads());
      ModularAddition data = ModularAddition.split(spec.modulus(), spec.trainFraction(),
          spec.seed());
      nTrain = data.train().size();
      nTest = data.test().size();
      MultiLayerNetwork net = ModularMlp.create(spec);
      Trainer trainer = new Trainer(spec, net, data);
      try (RunRecorder recorder = new RunRecorder(spec, data, committer, conf)) {
        recorder.start(net);
        result = trainer.run(recorder, recorder);
        recorder.finish(net, result.stepsRun());
        mechanisms = recorder.mechanisms();
      }
      tables.addAll(RunRecorder.tables());
    } catch (Exception | OutOfMemoryError e) {
      LOG.warn("run {} failed", runId, e);
      result = new Trainer.Result(RunStatus.FAILED, 0, String.valueOf(e), Double.NaN, Double.NaN,
          0, 0);
    }
    double total = (System.nanoTime() - t0) / 1e9;
    try (ParquetTable results = new ParquetTable(committer.staged(Layout.RESULTS),
        Schemas.RESULT, conf)) {
      Group row = RunRows.result(results.newRow(), spec, result, nTrain, nTest, total, started,
          host());
      if (mechanisms != null) {
        row.add("lottery_ticket_hit_rate", mechanisms.hitRate());
        row.add("lottery_ticket_chance", mechanisms.chance());
        row.add("key_frequencies", mechanisms.keyFrequencies());
        row.add("majority_voting", mechanisms.majorityVoting());
      }
      results.write(row);
    }
    boolean committed = committer.commit(tables);
    LOG.info("run {} p={} wd={} frac={} seed={}: {} after {} steps{}", runId, spec.modulus(),
        spec.weightDecay(), spec.trainFraction(), spec.seed(), result.status().key(),
        result.stepsRun(), committed ? "" : " (another attempt had committed it)");
    return new RunOutcome(runId, spec.modulus(), spec.weightDecay(), spec.trainFraction(),
        spec.seed(), result.status(), result.stepsRun(), result.message(), result.finalTrainAcc(),
        result.finalTestAcc(), result.trainSeconds(), result.evalSeconds(), total, false);
  }

  static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
