package io.grokking.trainer.run;

import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.model.ModelProbe;
import io.grokking.trainer.output.Layout;
import io.grokking.trainer.output.RunCommitter;
import io.grokking.trainer.train.Trainer;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * Commits one run whose rows are given instead of trained, through the recorder, the result row
 * and the commit a trained run goes through ({@link RunExecutor}): its files are the ones a
 * trained run with these rows and this probe would have left. For synthetic sweeps, such as the
 * analysis benchmark's, that must look to every reader exactly like trained ones.
 */
public final class GivenRun {
  private GivenRun() {}

  /**
   * Records {@code rows} (an evaluation row, {@link StepMetrics#evaluated()}, is measured by
   * {@code probe} first, as the trainer does), the neurons at init and at {@code result}'s last
   * step, and the result row, then commits. Returns false when the run was already committed.
   *
   * @param nTrain training pairs of the run's split, for its result row
   * @param nTest test pairs of the run's split
   */
  public static boolean commit(RunSpec spec, String outDir, String attempt, Configuration conf,
      ModelProbe probe, List<StepMetrics> rows, Trainer.Result result, int nTrain, int nTest)
      throws IOException {
    Layout layout = new Layout(outDir);
    RunCommitter committer = new RunCommitter(layout, conf, spec.modulus(), spec.runId(),
        attempt);
    long started = System.currentTimeMillis();
    ModelProbe.Mechanisms mechanisms;
    try (RunRecorder recorder = new RunRecorder(spec, probe, null, committer, conf, null,
        Faults.NONE)) {
      recorder.start();
      for (StepMetrics row : rows) {
        recorder.accept(row.evaluated() ? recorder.measure(row, null) : row);
      }
      recorder.finish(result.stepsRun());
      mechanisms = recorder.mechanisms();
    }
    RunExecutor.writeResult(spec, committer, conf, Faults.NONE, result, mechanisms, null, nTrain,
        nTest, result.trainSeconds() + result.evalSeconds(), started);
    return committer.commit(RunRecorder.tables(spec));
  }
}
