package io.grokking.analysis.testing;

import io.grokking.trainer.metrics.Schemas;
import io.grokking.trainer.output.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Writes a sweep's output the way the trainer does: one Parquet file per run at
 * {@code DIR/metrics/modulus=P/RUN.parquet} (absent for runs without steps) and
 * {@code DIR/results/modulus=P/RUN.parquet}, with {@link Schemas#METRICS} and
 * {@link Schemas#RESULT}, through parquet-hadoop's example writer.
 */
public final class SyntheticSweep {
  private final Layout layout;
  private final Configuration conf = new Configuration();
  private final List<SyntheticRun> runs = new ArrayList<>();

  public SyntheticSweep(java.nio.file.Path dir) {
    this.layout = new Layout(dir.toUri().toString());
  }

  public String dir() {
    return layout.root().toString();
  }

  public Layout layout() {
    return layout;
  }

  public List<SyntheticRun> runs() {
    return List.copyOf(runs);
  }

  public SyntheticRun run(String runId) {
    return runs.stream().filter(r -> r.runId().equals(runId)).findFirst().orElseThrow();
  }

  /** Writes the run's files and remembers it. */
  public SyntheticSweep add(SyntheticRun run) {
    if (!run.steps().isEmpty()) {
      write(layout.runFile(Layout.METRICS, run.modulus(), run.runId()), Schemas.METRICS,
          run.steps().stream().map(s -> metricRow(run, s)).toList());
    }
    write(layout.runFile(Layout.RESULTS, run.modulus(), run.runId()), Schemas.RESULT,
        List.of(resultRow(run)));
    runs.add(run);
    return this;
  }

  private static Group metricRow(SyntheticRun run, SyntheticRun.Step s) {
    Group row = new SimpleGroupFactory(Schemas.METRICS).newGroup()
        .append("run_id", run.runId())
        .append("step", s.step())
        .append("train_loss", 1 - s.trainAcc())
        .append("train_acc", s.trainAcc());
    if (s.testAcc() != null) {
      row.append("test_loss", 1 - s.testAcc()).append("test_acc", s.testAcc());
    }
    if (s.weightNorm() != null) {
      row.append("weight_norm", s.weightNorm());
    }
    return row;
  }

  private static Group resultRow(SyntheticRun run) {
    Group row = new SimpleGroupFactory(Schemas.RESULT).newGroup()
        .append("run_id", run.runId())
        .append("weight_decay", run.weightDecay())
        .append("train_fraction", run.trainFraction())
        .append("seed", run.seed())
        .append("width", 16)
        .append("learning_rate", 1e-3)
        .append("steps_budget", Math.max(run.stepsRun(), 1))
        .append("activation", "relu")
        .append("encoding", "one-hot")
        .append("dtype", "float32")
        .append("n_train", 10)
        .append("n_test", 39)
        .append("status", run.status().key())
        .append("steps_run", run.stepsRun());
    if (run.message() != null) {
      row.append("message", run.message());
    }
    row.append("train_seconds", 1.5)
        .append("eval_seconds", 0.5)
        .append("total_seconds", 2.0)
        .append("started_at_ms", 1_700_000_000_000L)
        .append("host", "test-host")
        .append("config", "task=modular-addition;p=" + run.modulus() + ";wd=" + run.weightDecay()
            + ";frac=" + run.trainFraction() + ";seed=" + run.seed());
    if (run.lotteryTicketHitRate() != null) {
      row.append("lottery_ticket_hit_rate", run.lotteryTicketHitRate())
          .append("lottery_ticket_chance", 0.125);
    }
    return row;
  }

  private void write(Path path, MessageType schema, List<Group> rows) {
    try (ParquetWriter<Group> writer = ExampleParquetWriter
        .builder(HadoopOutputFile.fromPath(path, conf))
        .withConf(conf)
        .withType(schema)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build()) {
      for (Group row : rows) {
        writer.write(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path, e);
    }
  }
}
