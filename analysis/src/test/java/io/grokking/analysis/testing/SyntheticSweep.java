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
 * {@code DIR/metrics/modulus=P/RUN.parquet}, {@code DIR/spectra/…} and {@code DIR/neurons/…}
 * (all three absent for runs without steps) and {@code DIR/results/modulus=P/RUN.parquet}, with
 * the schemas of {@link Schemas}, through parquet-hadoop's example writer.
 *
 * <p>Spectra and neurons are made up but known: at every evaluation step the spectrum's energy
 * in frequency k is {@code 1 + k} plus {@code step / 100} in frequency 1; of the {@link #WIDTH}
 * neurons, neuron n has frequency {@code 1 + n % K} at init and frequency 1 at the end when n is
 * even, {@code 1 + n % K} when odd (K = (p − 1)/2). Train loss is {@code 1 − train accuracy}
 * and test loss {@code 1 − test accuracy}.
 */
public final class SyntheticSweep {
  /** Hidden neurons of every synthetic run. */
  public static final int WIDTH = 16;

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
    return add(run, "");
  }

  /**
   * As {@link #add(SyntheticRun)}, with more settings in the run's canonical configuration, such
   * as {@code ";lr=0.001;op=sub"} (tokens of {@code Settings.ALL}).
   */
  public SyntheticSweep add(SyntheticRun run, String moreConfig) {
    if (!run.steps().isEmpty()) {
      write(layout.runFile(Layout.METRICS, run.modulus(), run.runId()), Schemas.METRICS,
          run.steps().stream().map(s -> metricRow(run, s)).toList());
      write(layout.runFile(Layout.SPECTRA, run.modulus(), run.runId()), Schemas.SPECTRA,
          spectraRows(run));
      write(layout.runFile(Layout.NEURONS, run.modulus(), run.runId()), Schemas.NEURONS,
          neuronRows(run));
    }
    write(layout.runFile(Layout.RESULTS, run.modulus(), run.runId()), Schemas.RESULT,
        List.of(resultRow(run, moreConfig)));
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

  private static List<Group> spectraRows(SyntheticRun run) {
    List<Group> rows = new ArrayList<>();
    for (SyntheticRun.Step s : run.steps()) {
      if (s.testAcc() == null) {
        continue;
      }
      for (int k = 0; k <= (run.modulus() - 1) / 2; k++) {
        double energy = 1 + k + (k == 1 ? s.step() / 100.0 : 0);
        rows.add(new SimpleGroupFactory(Schemas.SPECTRA).newGroup()
            .append("run_id", run.runId())
            .append("step", s.step())
            .append("frequency", k)
            .append("energy_in", energy)
            .append("energy_out", energy));
      }
    }
    return rows;
  }

  private static List<Group> neuronRows(SyntheticRun run) {
    int frequencies = (run.modulus() - 1) / 2;
    int last = run.steps().get(run.steps().size() - 1).step();
    List<Group> rows = new ArrayList<>();
    for (String snapshot : List.of("init", "final")) {
      for (int n = 0; n < WIDTH; n++) {
        int initial = 1 + n % frequencies;
        int frequency = snapshot.equals("final") && n % 2 == 0 ? 1 : initial;
        rows.add(new SimpleGroupFactory(Schemas.NEURONS).newGroup()
            .append("run_id", run.runId())
            .append("neuron", n)
            .append("snapshot", snapshot)
            .append("step", snapshot.equals("init") ? 0 : last)
            .append("frequency", frequency)
            .append("magnitude", 1.0)
            .append("magnitude_out", 1.0)
            .append("phase_in", 0.1 * n)
            .append("phase_out", 0.2 * n)
            .append("predicted_frequency", initial));
      }
    }
    return rows;
  }

  private static Group resultRow(SyntheticRun run, String moreConfig) {
    Group row = new SimpleGroupFactory(Schemas.RESULT).newGroup()
        .append("run_id", run.runId())
        .append("weight_decay", run.weightDecay())
        .append("train_fraction", run.trainFraction())
        .append("seed", run.seed())
        .append("width", 16)
        .append("learning_rate", 1e-3)
        .append("steps_budget", Math.max(run.stepsBudget(), 1))
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
            + ";frac=" + run.trainFraction() + ";seed=" + run.seed() + moreConfig);
    if (run.lotteryTicketHitRate() != null) {
      row.append("lottery_ticket_hit_rate", run.lotteryTicketHitRate())
          .append("lottery_ticket_chance", 0.125)
          .append("key_frequencies", "1,2")
          .append("majority_voting", "k=1:n=9:R=0.12;k=2:n=7:R=0.30");
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
