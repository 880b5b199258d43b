package io.grokking.trainer.run;

import io.grokking.trainer.checkpoint.CheckpointStore;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.metrics.Schemas;
import io.grokking.trainer.model.ModelFamilies;
import io.grokking.trainer.model.ModelProbe;
import io.grokking.trainer.numeric.Threads;
import io.grokking.trainer.output.Layout;
import io.grokking.trainer.output.ParquetTable;
import io.grokking.trainer.output.RunCommitter;
import io.grokking.trainer.output.UnwritableOutput;
import io.grokking.trainer.task.ModularTask;
import io.grokking.trainer.train.Trainer;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.parquet.example.data.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Runs one grid cell end to end inside whatever process calls it (a Spark task, a test, the
 * benchmark): skips it if already committed, trains it while streaming metrics into staging, then
 * commits. A run that throws or diverges is still committed, with its status and message, so the
 * sweep goes on and the failure is on record.
 *
 * <p>A run with a checkpoint under {@code DIR/_checkpoints/RUN/} (left by an attempt that died)
 * continues from it instead of from step 0; its result message says so. The checkpoint is
 * deleted once the run is committed. An {@link InjectedFault} is the one exception that is not
 * recorded: it ends the attempt as a crash would, for Spark to retry.
 */
public final class RunExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);
  /**
   * The logger of the one line each run ends with: a sweep of thousands of runs keeps these in
   * its log file, not on the console (conf/log4j2.properties), except a diverged run's, a warning.
   * A name of its own, so the logging configuration does not follow this class's package.
   */
  public static final String RUN_ENDS = "io.grokking.runs";
  private static final Logger ENDS = LoggerFactory.getLogger(RUN_ENDS);

  private RunExecutor() {}

  /**
   * @param outDir the sweep output directory, any Hadoop FileSystem URI
   * @param attempt a unique name of this attempt (Spark's task attempt id), used for staging
   */
  public static RunOutcome execute(RunSpec spec, String outDir, String attempt, Configuration conf)
      throws IOException {
    return execute(spec, outDir, attempt, conf, Faults.NONE);
  }

  /** As above, with fault injection for tests ({@link Faults}). */
  public static RunOutcome execute(RunSpec spec, String outDir, String attempt, Configuration conf,
      Faults faults) throws IOException {
    return execute(spec, outDir, attempt, conf, faults, true);
  }

  /** @param announce whether to log the run's end (not for {@link WarmUp}'s run) */
  static RunOutcome execute(RunSpec spec, String outDir, String attempt, Configuration conf,
      Faults faults, boolean announce) throws IOException {
    faults.reach(Faults.Point.START);
    Layout layout = new Layout(outDir);
    String runId = spec.runId();
    CheckpointStore checkpoints = new CheckpointStore(layout, conf, runId,
        RunRecorder.checkpointedTables(spec));
    if (RunCommitter.isCommitted(layout, conf, spec.modulus(), runId)) {
      checkpoints.delete(); // left by an attempt that lost the race to commit
      return new RunOutcome(runId, spec.modulus(), spec.weightDecay(), spec.trainFraction(),
          spec.seed(), null, 0, "already committed", Double.NaN, Double.NaN, 0, 0, 0, true);
    }
    long started = System.currentTimeMillis();
    long t0 = System.nanoTime();
    RunCommitter committer = new RunCommitter(layout, conf, spec.modulus(), runId, attempt);
    Trainer.Result result;
    ModelProbe.Mechanisms mechanisms = null;
    String keyRepresentations = null;
    int nTrain = 0;
    int nTest = 0;
    List<String> tables = new ArrayList<>();
    int resumedAt = 0;
    try {
      Threads.apply(spec.train().threads());
      ModularTask data = ModularTask.of(spec);
      nTrain = data.train().size();
      nTest = data.test().size();
      ModelFamilies.Built built = ModelFamilies.create(spec, data);
      Trainer trainer = new Trainer(spec, built.model(), data);
      boolean checkpointing = spec.train().checkpointEvery() > 0;
      TaskMeasurements measures = TaskMeasurements.of(spec, data, built.model(), built.probe());
      try (RunRecorder recorder = new RunRecorder(spec, built.probe(), measures, committer, conf,
          checkpointing ? checkpoints : null, faults)) {
        // The initial neurons and the lottery ticket come from the seed's weights, before any
        // checkpoint replaces them.
        recorder.start();
        // Looked for even when checkpoints are off now: cadence is not part of the run's identity.
        Optional<CheckpointStore.Saved> saved = checkpoints.latest();
        if (saved.isPresent()) {
          recorder.replay(saved.get());
          trainer.restore(saved.get().state());
          resumedAt = saved.get().state().nextStep();
          LOG.info("run {} resumes from its checkpoint at step {}", runId, resumedAt);
        }
        int midway = spec.train().steps() / 2;
        Trainer.Sink sink = row -> {
          recorder.accept(row);
          if (row.step() == midway) {
            faults.reach(Faults.Point.MID_TRAIN);
          }
        };
        result = trainer.run(sink, recorder, checkpointing ? recorder : null);
        recorder.finish(result.stepsRun());
        mechanisms = recorder.mechanisms();
        keyRepresentations = recorder.keyRepresentations();
      }
      tables.addAll(RunRecorder.tables(spec));
      if (resumedAt > 0) {
        String note = "resumed from the checkpoint at step " + resumedAt;
        result = new Trainer.Result(result.status(), result.stepsRun(),
            result.message() == null ? note : result.message() + "; " + note,
            result.finalTrainAcc(), result.finalTestAcc(), result.trainSeconds(),
            result.evalSeconds());
      }
    } catch (InjectedFault e) {
      throw e;
    } catch (Exception | OutOfMemoryError | FSError e) {
      // Hadoop's local file system reports a full disk as FSError, an Error
      throwIfUnwritable(e, committer);
      LOG.warn("run {} failed", runId, e);
      result = new Trainer.Result(RunStatus.FAILED, 0, String.valueOf(e), Double.NaN, Double.NaN,
          0, 0);
    }
    double total = (System.nanoTime() - t0) / 1e9;
    boolean committed;
    try {
      writeResult(spec, committer, conf, faults, result, mechanisms, keyRepresentations, nTrain,
          nTest, total, started);
      committed = committer.commit(tables, () -> faults.reach(Faults.Point.COMMIT));
    } catch (IOException | RuntimeException | FSError e) {
      throwIfUnwritable(e, committer);
      throw e;
    }
    checkpoints.delete();
    if (announce) {
      // a failed run has had its warning above; a diverged one is a failure only here
      ENDS.atLevel(result.status() == RunStatus.DIVERGED ? Level.WARN : Level.INFO).log(
          "run {} p={} wd={} frac={} seed={}: {} after {} steps{}", runId, spec.modulus(),
          spec.weightDecay(), spec.trainFraction(), spec.seed(), result.status().key(),
          result.stepsRun(), committed ? "" : " (another attempt had committed it)");
    }
    return new RunOutcome(runId, spec.modulus(), spec.weightDecay(), spec.trainFraction(),
        spec.seed(), result.status(), result.stepsRun(), result.message(), result.finalTrainAcc(),
        result.finalTestAcc(), result.trainSeconds(), result.evalSeconds(), total, false,
        committed ? RunOutcome.Ending.COMMITTED : RunOutcome.Ending.COMMITTED_ELSEWHERE, null);
  }

  /**
   * Ends the attempt with an {@link UnwritableOutput} when {@code error} is a write the storage
   * refused for good: retrying cannot help and recording the run as failed would commit it, so
   * its staged files are removed and nothing is recorded. Its checkpoint, if any, stays for the
   * run's next attempt. Returns normally for any other error.
   */
  private static void throwIfUnwritable(Throwable error, RunCommitter committer) {
    Optional<UnwritableOutput.Reason> reason = UnwritableOutput.reasonOf(error);
    if (reason.isEmpty()) {
      return;
    }
    UnwritableOutput unwritable = error instanceof UnwritableOutput u ? u
        : new UnwritableOutput(reason.get(), error);
    try {
      committer.abort();
    } catch (IOException | RuntimeException e) {
      unwritable.addSuppressed(e); // a read-only file system refuses the delete too
    }
    throw unwritable;
  }

  static void writeResult(RunSpec spec, RunCommitter committer, Configuration conf,
      Faults faults, Trainer.Result result, ModelProbe.Mechanisms mechanisms,
      String keyRepresentations, int nTrain, int nTest, double total, long started)
      throws IOException {
    org.apache.hadoop.fs.Path file = committer.staged(Layout.RESULTS);
    faults.write(file);
    try (ParquetTable results = new ParquetTable(file, Schemas.RESULT, conf)) {
      Group row = RunRows.result(results.newRow(), spec, result, nTrain, nTest, total, started,
          host());
      if (mechanisms != null) {
        // Null parts are measures the operation skips: left empty, never filled.
        if (mechanisms.hitRate() != null) {
          row.add("lottery_ticket_hit_rate", mechanisms.hitRate());
          row.add("lottery_ticket_chance", mechanisms.chance());
        }
        if (mechanisms.productHitRate() != null) {
          row.add("lottery_ticket_product_hit_rate", mechanisms.productHitRate());
        }
        row.add("key_frequencies", mechanisms.keyFrequencies());
        if (mechanisms.majorityVoting() != null) {
          row.add("majority_voting", mechanisms.majorityVoting());
        }
      }
      if (keyRepresentations != null) {
        row.add("key_representations", keyRepresentations);
      }
      results.write(row);
    }
  }

  static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
