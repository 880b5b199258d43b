package io.grokking.trainer.train;

import io.grokking.trainer.checkpoint.CheckpointStore;
import io.grokking.trainer.checkpoint.TrainingState;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.data.ModularTask;
import io.grokking.trainer.fourier.FourierAnalysis;
import io.grokking.trainer.fourier.FourierProbe;
import io.grokking.trainer.fourier.LotteryTicket;
import io.grokking.trainer.fourier.MajorityVoting;
import io.grokking.trainer.fourier.NeuronSpectrum;
import io.grokking.trainer.metrics.Schemas;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.output.Layout;
import io.grokking.trainer.output.ParquetTable;
import io.grokking.trainer.output.RunCommitter;
import io.grokking.trainer.output.RunRows;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Streams one run's rows into its staged tables: metrics at every step, the Fourier spectrum at
 * every evaluation, and the neurons at init and at the end; and keeps the mechanistic summary
 * (lottery ticket, majority voting) for the result row. The lottery ticket and majority voting
 * describe He et al.'s mechanism of a + b; for an operation without it ({@link
 * io.grokking.trainer.config.Operation#additiveMechanism}) they are left empty: no
 * predicted_frequency in the neurons, no hit rate, chance or majority voting in the result.
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
  private final FourierProbe fourier;
  private final ParquetTable metrics;
  private final ParquetTable spectra;
  private final ParquetTable neurons;
  private final CheckpointStore checkpoints;
  private final List<Group> metricsSince = new ArrayList<>();
  private final List<Group> spectraSince = new ArrayList<>();
  private int checkpointedStep;
  private int[] predicted;
  /** The latest evaluation's measurement and its step, so finish() need not measure again. */
  private FourierProbe.Measurement last;
  private int lastStep = -1;
  private Mechanisms mechanisms;

  /**
   * The per-run mechanistic summary stored in the result row; hit rate, chance and majority
   * voting are null when the operation has no additive mechanism.
   */
  record Mechanisms(Double hitRate, Double chance, String keyFrequencies, String majorityVoting) {}

  /**
   * @param checkpoints where checkpoints go, or null to keep no rows for them
   */
  RunRecorder(RunSpec spec, ModularTask data, RunCommitter committer, Configuration conf,
      CheckpointStore checkpoints) throws IOException {
    this.runId = spec.runId();
    this.checkpoints = checkpoints;
    this.fourier = FourierProbe.of(data, spec.train().encoding());
    this.metrics = new ParquetTable(committer.staged(Layout.METRICS), Schemas.METRICS, conf);
    this.spectra = new ParquetTable(committer.staged(Layout.SPECTRA), Schemas.SPECTRA, conf);
    this.neurons = new ParquetTable(committer.staged(Layout.NEURONS), Schemas.NEURONS, conf);
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

  /** Records the initial neurons and, for addition, the lottery ticket's prediction from them. */
  void start(MultiLayerNetwork net) throws IOException {
    List<NeuronSpectrum> initial = fourier.spectra(net);
    predicted = fourier.additive() ? LotteryTicket.predict(initial) : null;
    writeNeurons("init", 0, initial);
  }

  /** Records the final neurons and summarises the lottery ticket and majority voting. */
  void finish(MultiLayerNetwork net, int step) throws IOException {
    // The last row is normally an evaluation row of these very weights: reuse its measurement.
    FourierProbe.Measurement m = lastStep == step ? last : fourier.measureAll(net);
    writeNeurons("final", step, m.neurons());
    String keys = m.summary().keyFrequenciesString();
    if (!fourier.additive()) {
      mechanisms = new Mechanisms(null, null, keys, null);
      return;
    }
    int[] dominant = FourierAnalysis.dominant(m.neurons());
    int p = fourier.modulus();
    mechanisms = new Mechanisms(LotteryTicket.hitRate(predicted, dominant), LotteryTicket.chance(p),
        keys,
        MajorityVoting.encode(MajorityVoting.summarize(m.neurons(), m.summary().keyFrequencies())));
  }

  Mechanisms mechanisms() {
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
  public StepMetrics measure(StepMetrics row, MultiLayerNetwork net, double[][] logits) {
    FourierProbe.Measurement m = fourier.measureAll(net, logits);
    last = m;
    lastStep = row.step();
    try {
      writeSpectra(row.step(), m.neurons());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return FourierProbe.withMeasurement(row, m);
  }

  private void writeSpectra(int step, List<NeuronSpectrum> all) throws IOException {
    int frequencies = all.get(0).inputEnergy().length;
    double[] in = new double[frequencies];
    double[] out = new double[frequencies];
    for (NeuronSpectrum n : all) {
      for (int k = 0; k < frequencies; k++) {
        in[k] += n.inputEnergy()[k];
        out[k] += n.outputEnergy()[k];
      }
    }
    for (int k = 0; k < frequencies; k++) {
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

  private void writeNeurons(String snapshot, int step, List<NeuronSpectrum> all)
      throws IOException {
    for (int j = 0; j < all.size(); j++) {
      NeuronSpectrum n = all.get(j);
      Group g = neurons.newRow();
      g.add("run_id", runId);
      g.add("neuron", j);
      g.add("snapshot", snapshot);
      g.add("step", step);
      g.add("frequency", n.dominant());
      g.add("magnitude", n.alpha());
      g.add("magnitude_out", n.beta());
      g.add("phase_in", n.phi());
      g.add("phase_out", n.psi());
      if (predicted != null) {
        g.add("predicted_frequency", predicted[j]);
      }
      neurons.write(g);
    }
  }

  @Override
  public void close() throws IOException {
    try (metrics; spectra; neurons) {
      // closes all three, the first failure reported
    }
  }
}
