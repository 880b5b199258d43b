package io.grokking.sweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.sweep.spark.RunFunction;
import io.grokking.sweep.spark.SweepJob;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.run.Faults;
import io.grokking.trainer.run.RunOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code grok sweep} into HDFS with two DataNodes and two replicas per file, one DataNode
 * stopped mid-sweep: the sweep finishes on the other, and every run is committed exactly once with
 * all of its rows.
 */
class HdfsDataNodeLossTest {
  private static final int STEPS = 100;
  private static final int RUNS = 6;
  private static final String CONFIG = "sweep { moduli = [11], weight-decays = [0.5, 1.0, 2.0],"
      + " train-fractions = [0.5], seeds = [0, 1] }\n"
      + "train { width = 16, learning-rate = 1e-2, steps = " + STEPS + ", eval-every = 20,"
      + " stop-after-grok = false }\n";

  @TempDir static Path dir;
  static MiniHdfs hdfs;
  /** Local tasks run in this JVM, so the run function below reaches these. */
  static final AtomicInteger STARTED = new AtomicInteger();
  static volatile int committedAtStop = -1;

  @BeforeAll
  static void startHdfs() throws IOException {
    hdfs = MiniHdfs.start(dir.resolve("hdfs").toFile(), 2);
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  /**
   * Trains, but the third run to start first stops DataNode 0. With two task slots the third run
   * starts only once another has ended, so at least one run is committed by then, one may be
   * writing, and the last runs are still to come.
   */
  static final class StopDataNodeAtTheThirdRun implements RunFunction {
    private final RunFunction training = SweepJob.training();

    @Override
    public RunOutcome run(RunSpec spec, String outDir, String attempt) {
      return run(spec, outDir, attempt, Faults.NONE);
    }

    @Override
    public RunOutcome run(RunSpec spec, String outDir, String attempt, Faults faults) {
      if (STARTED.incrementAndGet() == 3) {
        try {
          committedAtStop = hdfs.files(SWEEP, "results").size();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        hdfs.stopDataNode(0);
      }
      return training.run(spec, outDir, attempt, faults);
    }
  }

  static final String SWEEP = "/sweeps/datanode-loss";

  @Test
  void aSweepLosingOneOfTwoDataNodesFinishesWithEveryRunCommittedOnce() throws IOException {
    Path config = Files.writeString(dir.resolve("loss.conf"), CONFIG);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);

    int code = GrokCli.commandLine(console, new StopDataNodeAtTheThirdRun()).execute("sweep",
        "--config", config.toString(), "--out", hdfs.uri(SWEEP), "--master", "local[2]",
        "--no-spark-ui", "--no-analyze");

    assertThat(committedAtStop).as("DataNode 0 stopped mid-sweep").isBetween(1, RUNS - 3);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains(RUNS + " runs",
        "completed " + RUNS);
    for (String table : HdfsSweepTest.RUN_TABLES) {
      assertThat(hdfs.files(SWEEP, table)).as(table).hasSize(RUNS)
          .extracting(MiniHdfs::runId).doesNotHaveDuplicates();
    }
    for (org.apache.hadoop.fs.Path f : hdfs.files(SWEEP, "results")) {
      assertThat(hdfs.replication(f)).as("two replicas asked for %s", f).isEqualTo((short) 2);
      assertThat(hdfs.rows(f)).hasSize(1).extracting(g -> g.getString("status", 0))
          .containsExactly("completed");
    }
    for (org.apache.hadoop.fs.Path f : hdfs.files(SWEEP, "metrics")) {
      assertThat(hdfs.rows(f)).extracting(g -> g.getInteger("step", 0)).as(f.toString())
          .containsExactlyElementsOf(IntStream.rangeClosed(0, STEPS).boxed().toList());
    }
    assertThat(hdfs.list(SWEEP + "/_staging")).isEmpty();

    ByteArrayOutputStream verified = new ByteArrayOutputStream();
    assertThat(InProcess.grok(verified, err, "verify", hdfs.uri(SWEEP)))
        .as(verified.toString(StandardCharsets.UTF_8)).isZero();
  }
}
