package io.grokking.trainer.output;

import org.apache.hadoop.fs.Path;

/**
 * The directory layout of one sweep output {@code DIR}. Readers (Spark, DuckDB, pandas) skip
 * names that start with {@code _} or {@code .}, so staging lives under {@code DIR/_staging}.
 *
 * <pre>
 * DIR/sweep.conf                          resolved configuration with provenance
 * DIR/metrics/modulus=P/RUN.parquet       one row per recorded step
 * DIR/neurons/modulus=P/RUN.parquet       one row per neuron at init and at the end
 * DIR/spectra/modulus=P/RUN.parquet       energy per frequency at every evaluation step
 * DIR/representations/modulus=N/RUN.parquet  shares per irrep at every evaluation (group runs)
 * DIR/results/modulus=P/RUN.parquet       one row per committed run (the commit marker)
 * DIR/runs/modulus=P/part-*.parquet       one row per run, with milestones and phase (analysis)
 * DIR/report/                             runs.csv, images, index.html (analysis)
 * DIR/_staging/RUN-ATTEMPT/               an attempt's files before commit
 * DIR/_checkpoints/RUN/                   resumable state of an unfinished run
 * DIR/_damaged/TIME/TABLE/modulus=P/RUN.parquet  a damaged run's files, moved aside by grok sweep
 * DIR/_lease                              the driver writing into DIR (host, pid, times)
 * DIR/logs/COMMAND-TIME.log               full log of each grok sweep or analyze, traces included
 * </pre>
 */
public final class Layout {
  public static final String METRICS = "metrics";
  public static final String NEURONS = "neurons";
  public static final String SPECTRA = "spectra";
  /** A task's measures by component; only runs of a task that takes them have this file. */
  public static final String REPRESENTATIONS = "representations";
  public static final String RESULTS = "results";
  public static final String RUNS = "runs";
  public static final String REPORT = "report";
  public static final String STAGING = "_staging";
  public static final String CHECKPOINTS = "_checkpoints";
  public static final String DAMAGED = "_damaged";
  public static final String LEASE = "_lease";
  public static final String LOGS = "logs";
  public static final String SWEEP_CONF = "sweep.conf";
  public static final String PARTITION = "modulus";

  private final Path root;

  public Layout(Path root) {
    this.root = root;
  }

  public Layout(String root) {
    this(new Path(root));
  }

  public Path root() {
    return root;
  }

  public Path table(String table) {
    return new Path(root, table);
  }

  /** The committed file of one run in a per-run table (metrics, neurons, results). */
  public Path runFile(String table, int modulus, String runId) {
    return new Path(new Path(table(table), PARTITION + "=" + modulus), runId + ".parquet");
  }

  public Path staging(String runId, String attempt) {
    return new Path(new Path(root, STAGING), runId + "-" + attempt);
  }

  public Path checkpoint(String runId) {
    return new Path(new Path(root, CHECKPOINTS), runId);
  }

  public Path report() {
    return table(REPORT);
  }

  /**
   * The tables holding one file per committed run, the result (the commit marker) first; a run
   * may lack any but the result and the metrics ({@link #REPRESENTATIONS} is written only for
   * tasks that measure it).
   */
  public static final java.util.List<String> RUN_TABLES =
      java.util.List.of(RESULTS, METRICS, SPECTRA, NEURONS, REPRESENTATIONS);

  public Path damaged() {
    return new Path(root, DAMAGED);
  }

  public Path lease() {
    return new Path(root, LEASE);
  }

  public Path logs() {
    return table(LOGS);
  }

  public Path sweepConf() {
    return new Path(root, SWEEP_CONF);
  }
}
