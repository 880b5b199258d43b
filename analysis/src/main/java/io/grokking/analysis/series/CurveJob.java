package io.grokking.analysis.series;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.log10;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import io.grokking.analysis.milestones.MilestoneJob;
import io.grokking.trainer.metrics.Schemas;
import io.grokking.trainer.output.Layout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Learning curves of every run, thinned in Spark before they reach the driver: the steps of a run
 * fall into {@link #BINS_PER_DECADE} log-spaced bins per decade of {@code step + 1}, and each bin
 * keeps its first and its last row, separately for evaluation rows (test accuracy set) and the
 * rest. On a log step axis that loses nothing visible, and a run of any length brings at most a
 * few hundred rows, where the metrics table holds one row per logged step.
 */
public final class CurveJob {
  private CurveJob() {}

  /** Bins per decade of steps; 48 puts a point every 5% of the step on the log axis. */
  static final int BINS_PER_DECADE = 48;

  static final String RUN_ID = "run_id";
  static final String STEP = "step";
  static final String TRAIN_ACC = "train_acc";
  static final String TEST_ACC = "test_acc";
  static final String WEIGHT_NORM = "weight_norm";
  static final String IPR = "ipr";
  static final String RESTRICTED_LOSS = "restricted_loss";
  static final String EXCLUDED_LOSS = "excluded_loss";
  static final String TRAIN_LOSS = "train_loss";
  static final String TEST_LOSS = "test_loss";

  static final StructType READ = new StructType()
      .add(RUN_ID, DataTypes.StringType)
      .add(STEP, DataTypes.IntegerType)
      .add(TRAIN_ACC, DataTypes.DoubleType)
      .add(TEST_ACC, DataTypes.DoubleType)
      .add(WEIGHT_NORM, DataTypes.DoubleType)
      .add(IPR, DataTypes.DoubleType)
      .add(RESTRICTED_LOSS, DataTypes.DoubleType)
      .add(EXCLUDED_LOSS, DataTypes.DoubleType)
      .add(TRAIN_LOSS, DataTypes.DoubleType)
      .add(TEST_LOSS, DataTypes.DoubleType);

  private static final List<String> VALUES =
      List.of(TRAIN_ACC, TEST_ACC, WEIGHT_NORM, IPR, RESTRICTED_LOSS, EXCLUDED_LOSS, TRAIN_LOSS,
          TEST_LOSS);

  static {
    for (String name : READ.fieldNames()) {
      if (!Schemas.METRIC_COLUMNS.contains(name)) {
        throw new IllegalStateException(
            "Column " + name + " is not in the metrics schema " + Schemas.METRIC_COLUMNS);
      }
    }
  }

  /** The thinned curves of every run that recorded metrics, by run id. */
  public static Map<String, RunCurves> collect(SparkSession spark, Layout layout) {
    return collect(spark, layout, java.util.Set.of());
  }

  /** As above, leaving out the runs {@code leftOut} names (damaged ones). */
  public static Map<String, RunCurves> collect(SparkSession spark, Layout layout,
      java.util.Set<String> leftOut) {
    Dataset<Row> metrics = MilestoneJob.read(spark, layout.table(Layout.METRICS), READ, leftOut);
    Column row = struct(col(STEP), col(TRAIN_ACC), col(TEST_ACC), col(WEIGHT_NORM), col(IPR),
        col(RESTRICTED_LOSS), col(EXCLUDED_LOSS), col(TRAIN_LOSS), col(TEST_LOSS));
    List<Row> rows = metrics
        .withColumn("bin", floor(log10(col(STEP).plus(1)).multiply(BINS_PER_DECADE)))
        // the weight norm marks an evaluation row even where no test set exists (fraction 1)
        .withColumn("evaluated", col(WEIGHT_NORM).isNotNull())
        .groupBy(col(RUN_ID), col("bin"), col("evaluated"))
        // struct order is step first: the bin's first and last rows
        .agg(min(row).as("first"), max(row).as("last"))
        .collectAsList();

    Map<String, Map<String, SeriesBuilder>> builders = new HashMap<>();
    for (Row r : rows) {
      Map<String, SeriesBuilder> run = builders.computeIfAbsent(r.getString(0), id -> {
        Map<String, SeriesBuilder> byName = new HashMap<>();
        VALUES.forEach(v -> byName.put(v, new SeriesBuilder()));
        return byName;
      });
      for (String end : List.of("first", "last")) {
        Row point = r.getAs(end);
        int step = point.getInt(0);
        for (int i = 0; i < VALUES.size(); i++) {
          run.get(VALUES.get(i)).add(step, point.isNullAt(i + 1) ? null : point.getDouble(i + 1));
        }
      }
    }
    Map<String, RunCurves> curves = new HashMap<>();
    builders.forEach((runId, b) -> curves.put(runId, new RunCurves(runId,
        b.get(TRAIN_ACC).build(), b.get(TEST_ACC).build(), b.get(WEIGHT_NORM).build(),
        b.get(IPR).build(), b.get(RESTRICTED_LOSS).build(), b.get(EXCLUDED_LOSS).build(),
        b.get(TRAIN_LOSS).build(), b.get(TEST_LOSS).build())));
    return curves;
  }
}
