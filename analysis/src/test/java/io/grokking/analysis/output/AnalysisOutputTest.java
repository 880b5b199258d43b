package io.grokking.analysis.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.grokking.analysis.Analysis;
import io.grokking.analysis.AnalysisResult;
import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.analysis.testing.LocalSpark;
import io.grokking.analysis.testing.StandardSweep;
import io.grokking.analysis.testing.SyntheticSweep;
import io.grokking.trainer.output.Layout;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole job over the standard sweep: what lands in DIR/runs and DIR/report. */
class AnalysisOutputTest {
  @TempDir
  static Path dir;
  private static SparkSession spark;
  private static SyntheticSweep sweep;
  private static AnalysisResult result;

  @BeforeAll
  static void analyse() {
    spark = LocalSpark.get();
    sweep = StandardSweep.write(dir);
    result = Analysis.run(spark, sweep.dir(), PhaseRule.defaults());
  }

  private static Path local(String path) {
    return Path.of(URI.create(path));
  }

  @Test
  void resultSummarizesTheSweep() {
    assertThat(result.runs()).isEqualTo(9);
    assertThat(result.phaseCounts()).containsExactly(entry(Phase.COMPREHENSION, 3L),
        entry(Phase.GROKKING, 3L), entry(Phase.MEMORIZATION, 1L), entry(Phase.CONFUSION, 1L),
        entry(Phase.FAILED, 1L));
    assertThat(result.imagePaths()).hasSize(4)
        .allSatisfy(p -> assertThat(local(p)).isNotEmptyFile())
        .map(p -> local(p).getFileName().toString())
        .containsExactly("phase-p7.png", "phase-p7.svg", "phase-p11.png", "phase-p11.svg");
    assertThat(local(result.reportPath())).isNotEmptyFile()
        .hasFileName("index.html").hasParent(dir.resolve(Layout.REPORT));
  }

  @Test
  void reportDirectoryHoldsOnlyTheReportFiles() throws IOException {
    try (var files = Files.list(dir.resolve(Layout.REPORT))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
          "index.html", "runs.csv", "phase-p7.png", "phase-p7.svg", "phase-p11.png",
          "phase-p11.svg");
    }
  }

  @Test
  void csvAndParquetHoldTheSameRowsAndValues() throws IOException {
    List<List<String>> csv = Csv.parse(Files.readString(local(result.runsCsvPath())));
    List<String> header = csv.get(0);
    assertThat(header).isEqualTo(RunTable.COLUMNS);
    Map<String, Map<String, String>> fromCsv = new HashMap<>();
    for (List<String> line : csv.subList(1, csv.size())) {
      assertThat(line).hasSameSizeAs(header);
      Map<String, String> values = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        values.put(header.get(i), line.get(i));
      }
      fromCsv.put(values.get("run_id"), values);
    }

    List<Row> parquet = spark.read().parquet(sweep.layout().table(Layout.RUNS).toString())
        .collectAsList();
    Map<String, Map<String, String>> fromParquet = new HashMap<>();
    for (Row row : parquet) {
      Map<String, String> values = new HashMap<>();
      for (String column : row.schema().fieldNames()) {
        Object value = row.getAs(column);
        values.put(column, value == null ? "" : value.toString());
      }
      fromParquet.put(values.get("run_id"), values);
    }

    assertThat(fromParquet).hasSize(9).isEqualTo(fromCsv);
    // quoting survived the round trip
    assertThat(fromCsv.get("fail").get("message")).isEqualTo("OutOfMemoryError: \"heap\", step 3");
    assertThat(fromCsv.get("grok").get("phase")).isEqualTo("grokking");
    assertThat(fromCsv.get("grok").get("delay")).isEqualTo("1500");
  }

  @Test
  void runsTableIsPartitionedByModulus() {
    Path runs = dir.resolve(Layout.RUNS);
    assertThat(runs.resolve("modulus=7")).isDirectory();
    assertThat(runs.resolve("modulus=11")).isDirectory();
  }

  @Test
  void reportShowsEveryFigureTheRuleAndTheCounts() throws IOException {
    String html = Files.readString(local(result.reportPath()));
    assertThat(html).contains("src=\"phase-p7.png\"", "src=\"phase-p11.png\"",
        "href=\"phase-p7.svg\"", "href=\"runs.csv\"", "threshold 0.9, gap 1000 steps",
        "Liu et al. 2022", "OutOfMemoryError: &quot;heap&quot;, step 3");
    assertThat(html).doesNotContain("http://", "https://", "<script");
  }

  @Test
  void rerunOverwritesAndDropsImagesOfVanishedModuli() throws IOException {
    Path stale = dir.resolve(Layout.REPORT).resolve("phase-p97.png");
    Files.write(stale, new byte[] {1});
    AnalysisResult again = Analysis.run(spark, sweep.dir(), PhaseRule.defaults());
    assertThat(again.runs()).isEqualTo(result.runs());
    assertThat(stale).doesNotExist();
    assertThat(spark.read().parquet(sweep.layout().table(Layout.RUNS).toString()).count())
        .isEqualTo(9);
  }
}
