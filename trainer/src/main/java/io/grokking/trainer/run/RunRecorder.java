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
import io.grokking.trainer.task.TaskMeasures;
import io.grokking.trainer.train.Trainer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * left empty. A run of a task that takes measures of its own ({@link TaskMeasurements}) also
 * records them at every evaluation, in its {@code representations} table and the metric row, and
 * keeps the final key representations for the result row; any other run writes exactly the
 * tables it wrote before tasks had measures.
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
  /** Null unless the task takes measures of its own, like {@link #representations}. */
  private final TaskMeasurements measures;
  private final ParquetTable representations;
  private final CheckpointStore checkpoints;
  private final List<Group> metricsSince = new ArrayList<>();
  private final List<Group> spectraSince = new ArrayList<>();
  private final List<Group> representationsSince = new ArrayList<>();
  private int checkpointedStep;
  private ModelProbe.Mechanisms mechanisms;
  private String keyRepresentations;

  /**
   * @param probe the model family's measures
   * @param measures the task's own measures, or null when it takes none
   * @param checkpoints where checkpoints go, or null to keep no rows for them
   * @param faults its {@link Faults#write} hook runs before each staged file is created
   */
  RunRecorder(RunSpec spec, ModelProbe probe, TaskMeasurements measures, RunCommitter committer,
      Configuration conf, CheckpointStore checkpoints, Faults faults) throws IOException {
    this.runId = spec.runId();
    this.checkpoints = checkpoints;
    this.probe = probe;
    this.measures = measures;
    this.metrics = staged(committer, Layout.METRICS, Schemas.METRICS, conf, faults);
    ParquetTable spectraTable = null;
    ParquetTable neuronsTable = null;
    ParquetTable representationsTable = null;
    try {
      spectraTable = staged(committer, Layout.SPECTRA, Schemas.SPECTRA, conf, faults);
      neuronsTable = staged(committer, Layout.NEURONS, Schemas.NEURONS, conf, faults);
      if (measures != null) {
        representationsTable = staged(committer, Layout.REPRESENTATIONS,
            Schemas.REPRESENTATIONS, conf, faults);
      }
    } catch (IOException | RuntimeException e) {
      // the tables opened so far hold file handles (and buffers) the caller never sees
      try (ParquetTable m = metrics; ParquetTable s = spectraTable; ParquetTable n = neuronsTable) {
        throw e;
      }
    }
    this.spectra = spectraTable;
    this.neurons = neuronsTable;
    this.representations = representationsTable;
  }

  static ParquetTable staged(RunCommitter committer, String table, MessageType schema,
      Configuration conf, Faults faults) throws IOException {
    Path file = committer.staged(table);
    faults.write(file);
    return new ParquetTable(file, schema, conf);
  }

  /** The data tables a run of {@code spec} commits. */
  static List<String> tables(RunSpec spec) {
    return TaskMeasurements.taken(spec)
        ? List.of(Layout.METRICS, Layout.SPECTRA, Layout.NEURONS, Layout.REPRESENTATIONS)
        : List.of(Layout.METRICS, Layout.SPECTRA, Layout.NEURONS);
  }

  /** The tables whose rows travel with each checkpoint of a run of {@code spec}. */
  static Map<String, MessageType> checkpointedTables(RunSpec spec) {
    Map<String, MessageType> tables = new LinkedHashMap<>();
    tables.put(Layout.METRICS, Schemas.METRICS);
    tables.put(Layout.SPECTRA, Schemas.SPECTRA);
    if (TaskMeasurements.taken(spec)) {
      tables.put(Layout.REPRESENTATIONS, Schemas.REPRESENTATIONS);
    }
    return tables;
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
    if (representations != null) {
      for (Path chunk : saved.chunks().get(Layout.REPRESENTATIONS)) {
        for (Group g : checkpoints.rows(chunk)) {
          representations.write(g);
        }
      }
    }
    checkpointedStep = saved.state().nextStep();
  }

  /** Saves the rows since the last checkpoint with {@code state}. */
  @Override
  public void save(TrainingState state) throws IOException {
    checkpoints.save(state, checkpointedStep, Map.of(Layout.METRICS, metricsSince,
        Layout.SPECTRA, spectraSince, Layout.REPRESENTATIONS, representationsSince));
    metricsSince.clear();
    spectraSince.clear();
    representationsSince.clear();
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

  /** The key representations of the last evaluation, or null when the task takes none. */
  String keyRepresentations() {
    return keyRepresentations;
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
    StepMetrics measured = reading.row();
    try {
      writeSpectra(row.step(), reading.energyIn(), reading.energyOut());
      if (measures != null) {
        TaskMeasures.Measurement m = measures.measure();
        writeRepresentations(row.step(), m.components());
        keyRepresentations = m.keys();
        measured = measured.withRepresentationLosses(m.restrictedLoss(), m.excludedLoss());
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return measured;
  }

  private void writeRepresentations(int step, List<TaskMeasures.Component> all)
      throws IOException {
    for (TaskMeasures.Component c : all) {
      Group g = representations.newRow();
      g.add("run_id", runId);
      g.add("step", step);
      g.add("irrep", c.name());
      g.add("dimension", c.dimension());
      addIfPresent(g, "share_left", c.shareLeft());
      addIfPresent(g, "share_right", c.shareRight());
      addIfPresent(g, "share_unembed", c.shareUnembed());
      g.add("key", c.key());
      representations.write(g);
      if (checkpoints != null) {
        representationsSince.add(g);
      }
    }
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
    try (metrics; spectra; neurons; ParquetTable r = representations) {
      // closes them all, the first failure reported
    }
  }
}
