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
 * DIR/results/modulus=P/RUN.parquet       one row per committed run (the commit marker)
 * DIR/runs/modulus=P/part-*.parquet       one row per run, with milestones and phase (analysis)
 * DIR/report/                             runs.csv, images, index.html (analysis)
 * DIR/_staging/RUN-ATTEMPT/               an attempt's files before commit
 * DIR/_checkpoints/RUN/                   resumable state of an unfinished run
 * </pre>
 */
public final class Layout {
  public static final String METRICS = "metrics";
  public static final String NEURONS = "neurons";
  public static final String SPECTRA = "spectra";
  public static final String RESULTS = "results";
  public static final String RUNS = "runs";
  public static final String REPORT = "report";
  public static final String STAGING = "_staging";
  public static final String CHECKPOINTS = "_checkpoints";
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

  public Path sweepConf() {
    return new Path(root, SWEEP_CONF);
  }
}
