package io.grokking.analysis.output;

import static io.grokking.analysis.testing.SyntheticRun.curves;
import static io.grokking.analysis.testing.SyntheticRun.jump;
import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.analysis.Analysis;
import io.grokking.analysis.AnalysisOptions;
import io.grokking.analysis.AnalysisResult;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.analysis.testing.LocalSpark;
import io.grokking.analysis.testing.SyntheticSweep;
import io.grokking.trainer.output.Layout;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job over a sweep that varies more than weight decay and fraction: operation (add,
 * sub) and modulus (7 with learning rate 0.001, 11 with 0.003) besides weight decay (0, 1) ×
 * fraction (0.5, 0.7), with loss milestones 1, 0.5 and 0.01. Train accuracy jumps from 0.5 to
 * 0.98 at step 200 (loss 1 − accuracy: 0.5, then 0.02); test accuracy from 0.1 to 0.95 at 600
 * with weight decay 1, and stays 0.3 without.
 */
class AxesAnalysisTest {
  @TempDir
  static Path dir;
  private static SparkSession spark;
  private static SyntheticSweep sweep;
  private static AnalysisResult result;

  private static final List<String> PANELS = List.of("p7_learning_rate-0.001_operation-add",
      "p7_learning_rate-0.001_operation-sub", "p11_learning_rate-0.003_operation-add",
      "p11_learning_rate-0.003_operation-sub");

  @BeforeAll
  static void analyse() {
    spark = LocalSpark.get();
    sweep = new SyntheticSweep(dir);
    for (int p : new int[] {7, 11}) {
      for (String op : new String[] {"add", "sub"}) {
        for (double wd : new double[] {0, 1}) {
          for (double frac : new double[] {0.5, 0.7}) {
            String id = "p" + p + op + (int) wd + (int) (frac * 10);
            sweep.add(curves(id, p, wd, frac, 1, 990, 10, 100, jump(200, 0.5, 0.98),
                wd == 1 ? jump(600, 0.1, 0.95) : s -> 0.3),
                ";width=16;lr=" + (p == 7 ? "0.001" : "0.003") + ";op=" + op);
          }
        }
      }
    }
    result = Analysis.run(spark, sweep.dir(), new AnalysisOptions(PhaseRule.defaults(),
        List.of(), "sweep.weight-decays", "sweep.train-fractions", List.of(1.0, 0.5, 0.01)));
  }

  private static Path local(String path) {
    return Path.of(URI.create(path));
  }

  @Test
  void onePanelPerModulusAndOperationWithItsFourFigures() throws IOException {
    List<String> expected = new ArrayList<>();
    for (String panel : PANELS) {
      Stream.of("phase-", "delay-", "curves-", "norm-").forEach(kind -> expected.add(kind + panel));
    }
    expected.add("panels");
    assertThat(result.imagePaths()).map(p -> local(p).getFileName().toString())
        .startsWith(expected.stream().flatMap(f -> Stream.of(f + ".png", f + ".svg"))
            .toArray(String[]::new));
    try (Stream<Path> files = Files.list(dir.resolve(Layout.REPORT))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .doesNotContain("moduli.png").contains("panels.svg", "index.html");
    }
    String html = Files.readString(local(result.reportPath()));
    assertThat(html).contains("<h2 id=\"p7_learning_rate-0.001_operation-sub\">p = 7,"
        + " learning rate = 0.001, operation = sub</h2>", "Across modulus p × learning rate ×"
        + " operation", "modular addition, subtraction");
  }

  @Test
  void csvAndParquetGetTheVariedSettingsAndLossMilestonesAtTheEnd() throws IOException {
    List<List<String>> csv = Csv.parse(Files.readString(local(result.runsCsvPath())));
    List<String> header = csv.get(0);
    List<String> expected = new ArrayList<>(RunTable.COLUMNS);
    expected.addAll(List.of("learning_rate", "operation", "t_train_loss_1", "t_test_loss_1",
        "t_train_loss_0_5", "t_test_loss_0_5", "t_train_loss_0_01", "t_test_loss_0_01"));
    assertThat(header).isEqualTo(expected);
    Map<String, Map<String, String>> byRun = new HashMap<>();
    for (List<String> line : csv.subList(1, csv.size())) {
      Map<String, String> values = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        values.put(header.get(i), line.get(i));
      }
      byRun.put(values.get("run_id"), values);
    }
    assertThat(byRun).hasSize(16);
    Map<String, String> grok = byRun.get("p11sub15");
    assertThat(grok).containsEntry("operation", "sub").containsEntry("learning_rate", "0.003")
        .containsEntry("t_train_loss_1", "0").containsEntry("t_test_loss_1", "0")
        // 0.5 is not below 0.5: the train milestone is the jump
        .containsEntry("t_train_loss_0_5", "200").containsEntry("t_test_loss_0_5", "600")
        .containsEntry("t_train_loss_0_01", "").containsEntry("t_test_loss_0_01", "")
        .containsEntry("phase_rule", "gap").containsEntry("phase_gap", "1000")
        .containsEntry("phase_ratio", "");
    assertThat(byRun.get("p7add05")).containsEntry("operation", "add")
        .containsEntry("learning_rate", "0.001").containsEntry("t_test_loss_0_5", "");

    Dataset<Row> parquet = spark.read().parquet(sweep.layout().table(Layout.RUNS).toString());
    assertThat(parquet.schema().apply("operation").dataType()).isEqualTo(DataTypes.StringType);
    assertThat(parquet.schema().apply("learning_rate").dataType())
        .isEqualTo(DataTypes.DoubleType);
    assertThat(parquet.schema().apply("t_test_loss_0_5").dataType())
        .isEqualTo(DataTypes.IntegerType);
    // width is 16 in every run: no column
    assertThat(parquet.schema().fieldNames()).doesNotContain("width")
        .contains(expected.toArray(String[]::new));
    Map<String, Map<String, String>> fromParquet = new HashMap<>();
    for (Row row : parquet.collectAsList()) {
      Map<String, String> values = new HashMap<>();
      for (String column : row.schema().fieldNames()) {
        Object value = row.getAs(column);
        values.put(column, value == null ? "" : value.toString());
      }
      fromParquet.put(values.get("run_id"), values);
    }
    assertThat(fromParquet).isEqualTo(byRun);
  }
}
