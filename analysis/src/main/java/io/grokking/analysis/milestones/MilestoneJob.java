package io.grokking.analysis.milestones;

import static io.grokking.analysis.milestones.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.grokking.trainer.output.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spark SQL over a sweep's output: milestones per run from {@code DIR/metrics}, joined with the
 * committed runs of {@code DIR/results}. Both tables are partitioned by {@code modulus=P}; the
 * reads name their schema so that an empty or missing metrics table still yields a typed result.
 */
public final class MilestoneJob {
  private MilestoneJob() {}

  static final StructType METRICS_READ = new StructType()
      .add(RUN_ID, DataTypes.StringType)
      .add(STEP, DataTypes.IntegerType)
      .add(TRAIN_ACC, DataTypes.DoubleType)
      .add(TEST_ACC, DataTypes.DoubleType)
      .add(WEIGHT_NORM, DataTypes.DoubleType)
      .add(TRAIN_LOSS, DataTypes.DoubleType)
      .add(TEST_LOSS, DataTypes.DoubleType)
      .add(MODULUS, DataTypes.IntegerType);

  static final StructType RESULTS_READ = new StructType()
      .add(RUN_ID, DataTypes.StringType)
      .add(WEIGHT_DECAY, DataTypes.DoubleType)
      .add(TRAIN_FRACTION, DataTypes.DoubleType)
      .add(SEED, DataTypes.LongType)
      .add(STATUS, DataTypes.StringType)
      .add(STEPS_RUN, DataTypes.IntegerType)
      .add(STEPS_BUDGET, DataTypes.IntegerType)
      .add(N_TEST, DataTypes.IntegerType)
      .add(MESSAGE, DataTypes.StringType)
      .add(CONFIG, DataTypes.StringType)
      .add(LOTTERY_HIT_RATE, DataTypes.DoubleType)
      .add(LOTTERY_CHANCE, DataTypes.DoubleType)
      .add(KEY_FREQUENCIES, DataTypes.StringType)
      .add(MAJORITY_VOTING, DataTypes.StringType)
      .add(MODULUS, DataTypes.IntegerType);

  static {
    Columns.checkAgainstSchemas();
  }

  /**
   * One row per run id that recorded metrics: {@code t_train_90 … t_test_99}, {@code
   * t_train_phase}/{@code t_test_phase} at {@code threshold}, {@code last_step} and the final
   * accuracies and weight norm. Train milestones scan every row (train accuracy is on every
   * recorded step); test milestones and the final test accuracy only rows where {@code test_acc}
   * is set, which are the evaluation steps.
   */
  public static Dataset<Row> milestones(SparkSession spark, Layout layout, double threshold) {
    return milestones(spark, layout, threshold, List.of());
  }

  /**
   * {@link #milestones(SparkSession, Layout, double)} plus, per loss level L, {@code
   * t_train_loss_L} and {@code t_test_loss_L} ({@link LossMilestone}): the first step with train
   * loss (every row), resp. test loss (evaluation rows only), strictly below L.
   */
  public static Dataset<Row> milestones(SparkSession spark, Layout layout, double threshold,
      List<Double> lossLevels) {
    return milestones(spark, layout, threshold, lossLevels, Set.of());
  }

  /** As above, leaving out the runs {@code leftOut} names (damaged ones). */
  public static Dataset<Row> milestones(SparkSession spark, Layout layout, double threshold,
      List<Double> lossLevels, Set<String> leftOut) {
    Dataset<Row> metrics = read(spark, layout.table(Layout.METRICS), METRICS_READ, leftOut);
    List<Column> aggregates = new ArrayList<>();
    for (int percent : LEVELS_PERCENT) {
      aggregates.add(firstStep(TRAIN_ACC, percent / 100.0).as(tTrain(percent)));
      aggregates.add(firstStep(TEST_ACC, percent / 100.0).as(tTest(percent)));
    }
    aggregates.add(firstStep(TRAIN_ACC, threshold).as(T_TRAIN_PHASE));
    aggregates.add(firstStep(TEST_ACC, threshold).as(T_TEST_PHASE));
    aggregates.add(max(col(STEP)).as(LAST_STEP));
    aggregates.add(lastValue(TRAIN_ACC).as(FINAL_TRAIN_ACC));
    aggregates.add(lastValue(TEST_ACC).as(FINAL_TEST_ACC));
    aggregates.add(lastValue(WEIGHT_NORM).as(FINAL_WEIGHT_NORM));
    for (double level : lossLevels) {
      aggregates.add(firstStepBelow(TRAIN_LOSS, level).as(LossMilestone.trainColumn(level)));
      aggregates.add(firstStepBelow(TEST_LOSS, level).as(LossMilestone.testColumn(level)));
    }
    return metrics.groupBy(col(RUN_ID)).agg(aggregates.get(0),
        aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
  }

  /**
   * Every committed run of {@code DIR/results} (the commit marker) with its milestones; runs
   * without metrics, such as failed ones, keep null milestones. Sorted by grid coordinates.
   *
   * @throws IllegalArgumentException if {@code DIR/results} does not exist
   */
  public static Dataset<Row> runs(SparkSession spark, Layout layout, double threshold) {
    return runs(spark, layout, threshold, List.of());
  }

  /** {@link #runs(SparkSession, Layout, double)} with the loss milestones at {@code lossLevels}. */
  public static Dataset<Row> runs(SparkSession spark, Layout layout, double threshold,
      List<Double> lossLevels) {
    return runs(spark, layout, threshold, lossLevels, Set.of());
  }

  /** As above, leaving out the runs {@code leftOut} names (damaged ones) from every table. */
  public static Dataset<Row> runs(SparkSession spark, Layout layout, double threshold,
      List<Double> lossLevels, Set<String> leftOut) {
    Path results = layout.table(Layout.RESULTS);
    if (!exists(spark, results)) {
      throw new IllegalArgumentException(
          "No committed runs to analyse: " + results + " does not exist");
    }
    return read(spark, results, RESULTS_READ, leftOut)
        .join(milestones(spark, layout, threshold, lossLevels, leftOut), RUN_ID, "left")
        .orderBy(col(MODULUS), col(WEIGHT_DECAY), col(TRAIN_FRACTION), col(SEED), col(RUN_ID));
  }

  /** The first step at which {@code accuracy >= level}; null rows (no evaluation) never count. */
  private static Column firstStep(String accuracy, double level) {
    return min(when(col(accuracy).geq(lit(level)), col(STEP)));
  }

  /** The first step at which {@code loss < level}; null rows (no evaluation) never count. */
  private static Column firstStepBelow(String loss, double level) {
    return min(when(col(loss).lt(lit(level)), col(STEP)));
  }

  /**
   * The value at the largest step where it is set. The maximum of (step, value) structs orders by
   * step first, and {@code max} skips the nulls that {@code when} leaves on unset rows.
   */
  private static Column lastValue(String column) {
    return max(when(col(column).isNotNull(), struct(col(STEP), col(column)))).getField(column);
  }

  /** Reads a table by {@code schema}; a table no run has written yet reads as empty. */
  public static Dataset<Row> read(SparkSession spark, Path table, StructType schema) {
    if (!exists(spark, table)) {
      // every run failed before writing metrics: still a valid, empty table
      return spark.createDataFrame(List.of(), schema);
    }
    return spark.read().schema(schema).parquet(table.toString());
  }

  /**
   * As {@link #read(SparkSession, Path, StructType)} without the files of the runs {@code
   * leftOut} names ({@code modulus=P/RUN.parquet}): Spark then reads a list of files, whose
   * {@code modulus} it still takes from their directory names.
   */
  public static Dataset<Row> read(SparkSession spark, Path table, StructType schema,
      Set<String> leftOut) {
    if (leftOut.isEmpty() || !exists(spark, table)) {
      return read(spark, table, schema);
    }
    List<String> files = new ArrayList<>();
    try {
      FileSystem fs = table.getFileSystem(spark.sparkContext().hadoopConfiguration());
      RemoteIterator<LocatedFileStatus> all = fs.listFiles(table, true);
      while (all.hasNext()) {
        Path file = all.next().getPath();
        String name = file.getName();
        String parent = file.getParent().getName();
        if (name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_")
            && !parent.startsWith("_") && !parent.startsWith(".")
            && !leftOut.contains(name.substring(0, name.length() - ".parquet".length()))) {
          files.add(file.toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + table, e);
    }
    if (files.isEmpty()) {
      return spark.createDataFrame(List.of(), schema);
    }
    return spark.read().option("basePath", table.toString()).schema(schema)
        .parquet(files.toArray(String[]::new));
  }

  static boolean exists(SparkSession spark, Path path) {
    try {
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check " + path, e);
    }
  }
}
