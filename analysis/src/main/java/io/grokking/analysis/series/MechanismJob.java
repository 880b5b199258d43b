package io.grokking.analysis.series;

import static org.apache.spark.sql.functions.col;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.trainer.output.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code spectra}, {@code neurons} and {@code representations} rows of a few selected runs. It reads just those runs'
 * committed files ({@link Layout#runFile}), so the cost does not grow with the sweep; runs whose
 * files are absent (failed runs, sweeps from before these tables) are left out of the result.
 */
public final class MechanismJob {
  private MechanismJob() {}

  static final StructType SPECTRA_READ = new StructType()
      .add("run_id", DataTypes.StringType)
      .add("step", DataTypes.IntegerType)
      .add("frequency", DataTypes.IntegerType)
      .add("energy_in", DataTypes.DoubleType);

  static final StructType NEURONS_READ = new StructType()
      .add("run_id", DataTypes.StringType)
      .add("snapshot", DataTypes.StringType)
      .add("frequency", DataTypes.IntegerType);

  static final StructType REPRESENTATIONS_READ = new StructType()
      .add("run_id", DataTypes.StringType)
      .add("step", DataTypes.IntegerType)
      .add("irrep", DataTypes.StringType)
      .add("share_unembed", DataTypes.DoubleType)
      .add("key", DataTypes.BooleanType);

  /** Snapshot names of the neurons table. */
  static final String INIT = "init";
  static final String FINAL = "final";

  /** The W_in spectrum over training of each run that has one, by run id. */
  public static Map<String, RunSpectrum> spectra(SparkSession spark, Layout layout,
      Collection<RunRecord> runs) {
    List<String> files = existing(spark, layout, Layout.SPECTRA, runs);
    Map<String, TreeMap<Integer, Map<Integer, Double>>> byRun = new HashMap<>();
    if (!files.isEmpty()) {
      for (Row r : spark.read().schema(SPECTRA_READ).parquet(files.toArray(String[]::new))
          .select(col("run_id"), col("step"), col("frequency"), col("energy_in"))
          .collectAsList()) {
        byRun.computeIfAbsent(r.getString(0), id -> new TreeMap<>())
            .computeIfAbsent(r.getInt(1), s -> new HashMap<>())
            .put(r.getInt(2), r.isNullAt(3) ? 0.0 : r.getDouble(3));
      }
    }
    Map<String, RunSpectrum> spectra = new HashMap<>();
    byRun.forEach((runId, bySteps) -> {
      int maxK = bySteps.values().stream().flatMap(m -> m.keySet().stream())
          .mapToInt(Integer::intValue).max().orElse(0);
      int[] steps = bySteps.keySet().stream().mapToInt(Integer::intValue).toArray();
      double[][] energy = new double[steps.length][maxK + 1];
      for (int i = 0; i < steps.length; i++) {
        for (Map.Entry<Integer, Double> e : bySteps.get(steps[i]).entrySet()) {
          if (e.getKey() >= 0) {
            energy[i][e.getKey()] = e.getValue();
          }
        }
      }
      spectra.put(runId, new RunSpectrum(runId, steps, energy));
    });
    return spectra;
  }

  /**
   * The unembedding's shares per irrep over training of each run that has a {@code
   * representations} file (runs of a task that measures them: the group task), by run id; the
   * irreps in the order the file lists them.
   */
  public static Map<String, RunRepresentations> representations(SparkSession spark,
      Layout layout, Collection<RunRecord> runs) {
    List<String> files = existing(spark, layout, Layout.REPRESENTATIONS, runs);
    if (files.isEmpty()) {
      return Map.of();
    }
    record Cell(double share, boolean key) {}
    Map<String, TreeMap<Integer, Map<String, Cell>>> byRun = new HashMap<>();
    Map<String, java.util.LinkedHashSet<String>> irreps = new HashMap<>();
    for (Row r : spark.read().schema(REPRESENTATIONS_READ).parquet(files.toArray(String[]::new))
        .collectAsList()) {
      String runId = r.getString(0);
      irreps.computeIfAbsent(runId, id -> new java.util.LinkedHashSet<>()).add(r.getString(2));
      byRun.computeIfAbsent(runId, id -> new TreeMap<>())
          .computeIfAbsent(r.getInt(1), s -> new HashMap<>())
          .put(r.getString(2), new Cell(r.isNullAt(3) ? Double.NaN : r.getDouble(3),
              !r.isNullAt(4) && r.getBoolean(4)));
    }
    Map<String, RunRepresentations> result = new HashMap<>();
    byRun.forEach((runId, bySteps) -> {
      List<String> names = List.copyOf(irreps.get(runId));
      int[] steps = bySteps.keySet().stream().mapToInt(Integer::intValue).toArray();
      double[][] shares = new double[steps.length][names.size()];
      boolean[][] key = new boolean[steps.length][names.size()];
      for (int i = 0; i < steps.length; i++) {
        Map<String, Cell> cells = bySteps.get(steps[i]);
        for (int n = 0; n < names.size(); n++) {
          Cell c = cells.get(names.get(n));
          shares[i][n] = c == null ? Double.NaN : c.share();
          key[i][n] = c != null && c.key();
        }
      }
      result.put(runId, new RunRepresentations(runId, steps, names, shares, key));
    });
    return result;
  }

  /** Neuron counts per dominant frequency at init and at the end, by run id. */
  public static Map<String, NeuronFrequencies> neurons(SparkSession spark, Layout layout,
      Collection<RunRecord> runs) {
    List<String> files = existing(spark, layout, Layout.NEURONS, runs);
    if (files.isEmpty()) {
      return Map.of();
    }
    // a few hundred rows per run: counted on the driver, which spares a shuffle
    // a neuron without a frequency (a dead transformer neuron) has none to count
    List<Row> rows = spark.read().schema(NEURONS_READ).parquet(files.toArray(String[]::new))
        .collectAsList().stream().filter(r -> !r.isNullAt(2)).toList();
    Map<String, Integer> maxK = new HashMap<>();
    rows.forEach(r -> maxK.merge(r.getString(0), r.getInt(2), Math::max));
    Map<String, int[][]> counts = new HashMap<>();
    for (Row r : rows) {
      int[][] c = counts.computeIfAbsent(r.getString(0),
          id -> new int[2][maxK.get(id) + 1]);
      String snapshot = r.getString(1);
      int which = INIT.equals(snapshot) ? 0 : FINAL.equals(snapshot) ? 1 : -1;
      if (which >= 0 && r.getInt(2) >= 0) {
        c[which][r.getInt(2)]++;
      }
    }
    Map<String, NeuronFrequencies> result = new HashMap<>();
    counts.forEach((id, c) -> result.put(id, new NeuronFrequencies(id, c[0], c[1])));
    return result;
  }

  private static List<String> existing(SparkSession spark, Layout layout, String table,
      Collection<RunRecord> runs) {
    List<String> files = new ArrayList<>();
    try {
      for (RunRecord run : runs) {
        Path file = layout.runFile(table, run.modulus(), run.runId());
        FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (fs.exists(file)) {
          files.add(file.toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the " + table + " files of the selected runs",
          e);
    }
    return files;
  }
}
