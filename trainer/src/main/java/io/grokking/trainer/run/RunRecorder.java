package io.grokking.trainer.run;

import io.grokking.trainer.checkpoint.CheckpointStore;
import io.grokking.trainer.checkpoint.TrainingState;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.metrics.Schemas;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.model.ModelProbe;
import io.grokking.trainer.output.Layout;
import io.grokking.trainer.output.ParquetTable;
import io.grokking.trainer.output.RunCommitter;
import io.grokking.trainer.train.Trainer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;

/**
 * Streams one run's rows into its staged tables: metrics at every step, the Fourier spectrum at
 * every evaluation, and the neurons at init and at the end; and keeps the mechanistic summary
 * (lottery ticket, majority voting, key frequencies) for the result row. What is measured is the
 * model family's {@link ModelProbe}; a measure the family or the operation does not define is
 * left empty.
 *
 * <p>With a {@link CheckpointStore}, it also keeps the metric and spectrum rows recorded since the
 * last checkpoint and saves them with the next one, so a checkpoint always carries every row
 * before its step; a resumed attempt first {@link #replay replays} those rows into its own
 * staging, then records from the checkpoint's step on: no gaps, no duplicates. Neurons need no
 * saving: the initial ones are recomputed from the seed and the final ones come at the end.
 */
final class RunRecorder implements Trainer.Sink, Trainer.Probe, Trainer.Checkpoints,
    AutoCloseable {
  private final String runId;
  private final ModelProbe probe;
  private final ParquetTable metrics;
  private final ParquetTable spectra;
  private final ParquetTable neurons;
  private final CheckpointStore checkpoints;
  private final List<Group> metricsSince = new ArrayList<>();
  private final List<Group> spectraSince = new ArrayList<>();
  private int checkpointedStep;
  private ModelProbe.Mechanisms mechanisms;

  /**
   * @param probe the model family's measures
   * @param checkpoints where checkpoints go, or null to keep no rows for them
   */
  RunRecorder(RunSpec spec, ModelProbe probe, RunCommitter committer, Configuration conf,
      CheckpointStore checkpoints) throws IOException {
    this(spec, probe, committer, conf, checkpoints, Faults.NONE);
  }

  /** @param faults its {@link Faults#write} hook runs before each staged file is created */
  RunRecorder(RunSpec spec, ModelProbe probe, RunCommitter committer, Configuration conf,
      CheckpointStore checkpoints, Faults faults) throws IOException {
    this.runId = spec.runId();
    this.checkpoints = checkpoints;
    this.probe = probe;
    this.metrics = staged(committer, Layout.METRICS, Schemas.METRICS, conf, faults);
    ParquetTable spectraTable = null;
    ParquetTable neuronsTable = null;
    try {
      spectraTable = staged(committer, Layout.SPECTRA, Schemas.SPECTRA, conf, faults);
      neuronsTable = staged(committer, Layout.NEURONS, Schemas.NEURONS, conf, faults);
    } catch (IOException | RuntimeException e) {
      // the tables opened so far hold file handles (and buffers) the caller never sees
      try (ParquetTable m = metrics; ParquetTable s = spectraTable) {
        throw e;
      }
    }
    this.spectra = spectraTable;
    this.neurons = neuronsTable;
  }

  static ParquetTable staged(RunCommitter committer, String table, MessageType schema,
      Configuration conf, Faults faults) throws IOException {
    Path file = committer.staged(table);
    faults.write(file);
    return new ParquetTable(file, schema, conf);
  }

  static List<String> tables() {
    return List.of(Layout.METRICS, Layout.SPECTRA, Layout.NEURONS);
  }

  /** The tables whose rows travel with each checkpoint. */
  static Map<String, MessageType> checkpointedTables() {
    return Map.of(Layout.METRICS, Schemas.METRICS, Layout.SPECTRA, Schemas.SPECTRA);
  }

  /** Writes a checkpoint's rows into this attempt's staging; the next row is its step. */
  void replay(CheckpointStore.Saved saved) throws IOException {
    for (Path chunk : saved.chunks().get(Layout.METRICS)) {
      for (Group g : checkpoints.rows(chunk)) {
        metrics.write(g);
      }
    }
    for (Path chunk : saved.chunks().get(Layout.SPECTRA)) {
      for (Group g : checkpoints.rows(chunk)) {
        spectra.write(g);
      }
    }
    checkpointedStep = saved.state().nextStep();
  }

  /** Saves the rows since the last checkpoint with {@code state}. */
  @Override
  public void save(TrainingState state) throws IOException {
    checkpoints.save(state, checkpointedStep,
        Map.of(Layout.METRICS, metricsSince, Layout.SPECTRA, spectraSince));
    metricsSince.clear();
    spectraSince.clear();
    checkpointedStep = state.nextStep();
  }

  /** Records the initial neurons (and, for the MLP on addition, the lottery ticket's prediction). */
  void start() throws IOException {
    writeNeurons("init", 0, probe.initial());
  }

  /** Records the final neurons and keeps the run's mechanistic summary. */
  void finish(int step) throws IOException {
    ModelProbe.Final end = probe.finish(step);
    writeNeurons("final", step, end.neurons());
    mechanisms = end.mechanisms();
  }

  ModelProbe.Mechanisms mechanisms() {
    return mechanisms;
  }

  @Override
  public void accept(StepMetrics row) throws IOException {
    Group g = RunRows.metric(metrics.newRow(), runId, row);
    metrics.write(g);
    if (checkpoints != null) {
      metricsSince.add(g);
    }
  }

  @Override
  public StepMetrics measure(StepMetrics row, double[][] logits) {
    ModelProbe.Reading reading = probe.measure(row, logits);
    try {
      writeSpectra(row.step(), reading.energyIn(), reading.energyOut());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return reading.row();
  }

  private void writeSpectra(int step, double[] in, double[] out) throws IOException {
    for (int k = 0; k < in.length; k++) {
      Group g = spectra.newRow();
      g.add("run_id", runId);
      g.add("step", step);
      g.add("frequency", k);
      g.add("energy_in", in[k]);
      g.add("energy_out", out[k]);
      spectra.write(g);
      if (checkpoints != null) {
        spectraSince.add(g);
      }
    }
  }

  private void writeNeurons(String snapshot, int step, List<ModelProbe.Neuron> all)
      throws IOException {
    for (int j = 0; j < all.size(); j++) {
      ModelProbe.Neuron n = all.get(j);
      Group g = neurons.newRow();
      g.add("run_id", runId);
      g.add("neuron", j);
      g.add("snapshot", snapshot);
      g.add("step", step);
      addIfPresent(g, "frequency", n.frequency());
      addIfPresent(g, "magnitude", n.magnitude());
      addIfPresent(g, "magnitude_out", n.magnitudeOut());
      addIfPresent(g, "phase_in", n.phaseIn());
      addIfPresent(g, "phase_out", n.phaseOut());
      addIfPresent(g, "predicted_frequency", n.predictedFrequency());
      addIfPresent(g, "predicted_frequency_product", n.predictedFrequencyProduct());
      neurons.write(g);
    }
  }

  private static void addIfPresent(Group g, String column, Integer value) {
    if (value != null) {
      g.add(column, value);
    }
  }

  private static void addIfPresent(Group g, String column, Double value) {
    if (value != null) {
      g.add(column, value);
    }
  }

  @Override
  public void close() throws IOException {
    try (metrics; spectra; neurons) {
      // closes all three, the first failure reported
    }
  }
}
