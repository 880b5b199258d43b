package io.grokking.analysis.output;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.trainer.output.Layout;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Writes the per-run table to {@code DIR/runs/modulus=P/part-*.parquet}. The table is derived
 * from metrics and results, so a rerun overwrites it whole (moduli no longer present vanish too).
 */
public final class RunsParquet {
  private RunsParquet() {}

  public static void write(SparkSession spark, List<RunRecord> runs, Path table) {
    List<RunTable.Field> fields = RunTable.fields(runs);
    List<Row> rows = runs.stream()
        .map(run -> RowFactory.create(RunTable.values(fields, run))).toList();
    spark.createDataFrame(rows, RunTable.schema(fields))
        // one file per modulus: a few hundred rows do not deserve more
        .repartition(functions.col(Layout.PARTITION))
        .write()
        .mode(SaveMode.Overwrite)
        .partitionBy(Layout.PARTITION)
        .parquet(table.toString());
  }
}
