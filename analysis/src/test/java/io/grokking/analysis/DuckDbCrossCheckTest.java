package io.grokking.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.analysis.phase.PhaseRule;
import io.grokking.analysis.testing.LocalSpark;
import io.grokking.analysis.testing.StandardSweep;
import io.grokking.trainer.output.Layout;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second reader over the same files: DuckDB must see what Spark saw in the trainer-written
 * metrics and in the analysis-written runs table, so pandas/DuckDB users get the same numbers.
 */
class DuckDbCrossCheckTest {
  @TempDir
  static Path dir;
  private static SparkSession spark;
  private static Connection duck;

  @BeforeAll
  static void analyse() throws Exception {
    spark = LocalSpark.get();
    StandardSweep.write(dir);
    Analysis.run(spark, dir.toUri().toString(), PhaseRule.defaults());
    Class.forName("org.duckdb.DuckDBDriver");
    duck = DriverManager.getConnection("jdbc:duckdb:");
  }

  @AfterAll
  static void close() throws SQLException {
    duck.close();
  }

  private static String parquet(String table) {
    return "read_parquet('" + dir.resolve(table) + "/**/*.parquet', hive_partitioning=true)";
  }

  private static List<String> query(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getObject(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private static List<String> spark(String sql) {
    List<String> rows = new ArrayList<>();
    for (Row r : spark.sql(sql).collectAsList()) {
      StringBuilder row = new StringBuilder();
      for (int i = 0; i < r.length(); i++) {
        row.append(i > 0 ? "|" : "").append(r.isNullAt(i) ? "null" : r.get(i));
      }
      rows.add(row.toString());
    }
    return rows;
  }

  @Test
  void metricsRowCountsPerModulusAgree() throws SQLException {
    spark.read().parquet(dir.resolve(Layout.METRICS).toUri().toString())
        .createOrReplaceTempView("metrics");
    String sql = "SELECT modulus, count(*) FROM %s GROUP BY modulus ORDER BY modulus";
    List<String> duckRows = query(sql.formatted(parquet(Layout.METRICS)));
    assertThat(duckRows).hasSize(2).isEqualTo(spark(sql.formatted("metrics")));
  }

  @Test
  void milestonesComputedByDuckDbEqualTheRunsTable() throws SQLException {
    spark.read().parquet(dir.resolve(Layout.RUNS).toUri().toString())
        .createOrReplaceTempView("runs");
    List<String> fromMetrics = query("""
        SELECT run_id, modulus,
               min(step) FILTER (WHERE train_acc >= 0.9),
               min(step) FILTER (WHERE test_acc >= 0.9),
               min(step) FILTER (WHERE test_acc >= 0.95)
        FROM %s GROUP BY run_id, modulus ORDER BY run_id""".formatted(parquet(Layout.METRICS)));
    String runsSql = """
        SELECT run_id, modulus, t_train_90, t_test_90, t_test_95
        FROM %s WHERE last_step IS NOT NULL ORDER BY run_id""";
    assertThat(fromMetrics).hasSize(8)
        .isEqualTo(query(runsSql.formatted(parquet(Layout.RUNS))))
        .isEqualTo(spark(runsSql.formatted("runs")));
  }

  @Test
  void neuronsAndSpectraReadTheSameInBothEngines() throws SQLException {
    spark.read().parquet(dir.resolve(Layout.NEURONS).toUri().toString())
        .createOrReplaceTempView("neurons");
    spark.read().parquet(dir.resolve(Layout.SPECTRA).toUri().toString())
        .createOrReplaceTempView("spectra");
    String neurons = """
        SELECT modulus, snapshot, frequency, count(*), sum(predicted_frequency)
        FROM %s GROUP BY modulus, snapshot, frequency
        ORDER BY modulus, snapshot, frequency""";
    assertThat(query(neurons.formatted(parquet(Layout.NEURONS))))
        .contains("7|init|1|42|42")
        .isEqualTo(spark(neurons.formatted("neurons")));
    String spectra = """
        SELECT run_id, modulus, count(*), max(frequency), round(sum(energy_in), 6)
        FROM %s GROUP BY run_id, modulus ORDER BY run_id""";
    assertThat(query(spectra.formatted(parquet(Layout.SPECTRA)))).hasSize(8)
        .isEqualTo(spark(spectra.formatted("spectra")));
  }

  @Test
  void resultsMechanismColumnsReachTheRunsTableUnchanged() throws SQLException {
    spark.read().parquet(dir.resolve(Layout.RUNS).toUri().toString())
        .createOrReplaceTempView("runs");
    List<String> fromResults = query("""
        SELECT run_id, lottery_ticket_hit_rate, lottery_ticket_chance, key_frequencies,
               majority_voting, steps_budget
        FROM %s ORDER BY run_id""".formatted(parquet(Layout.RESULTS)));
    String runsSql = """
        SELECT run_id, lottery_ticket_hit_rate, lottery_ticket_chance, key_frequencies,
               majority_voting, steps_budget
        FROM %s ORDER BY run_id""";
    assertThat(fromResults).hasSize(9)
        .isEqualTo(query(runsSql.formatted(parquet(Layout.RUNS))))
        .isEqualTo(spark(runsSql.formatted("runs")));
  }

  @Test
  void runsTableReadsTheSameInBothEngines() throws SQLException {
    spark.read().parquet(dir.resolve(Layout.RUNS).toUri().toString())
        .createOrReplaceTempView("runs");
    String sql = """
        SELECT run_id, modulus, status, phase, delay, final_test_acc, steps_run
        FROM %s ORDER BY run_id""";
    List<String> duckRows = query(sql.formatted(parquet(Layout.RUNS)));
    assertThat(duckRows).hasSize(9).isEqualTo(spark(sql.formatted("runs")));
    assertThat(duckRows).contains("grok|7|completed|grokking|1500|0.97|2991");
  }
}
