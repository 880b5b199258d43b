package io.grokking.analysis.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.grokking.analysis.Analysis;
import io.grokking.analysis.AnalysisOptions;
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

  /**
   * Every figure in order: per modulus, then across moduli, then the representatives of
   * comprehension (comp: delay 200, the median of testfirst, comp and grok2), grokking (p11:
   * 1200, between grok3 and grok), memorization (memo) and confusion (div).
   */
  private static final List<String> FIGURES = List.of(
      "phase-p7", "delay-p7", "curves-p7", "norm-p7",
      "phase-p11", "delay-p11", "curves-p11", "norm-p11",
      "moduli", "run-comp", "run-p11", "run-memo", "run-div");

  private static Path local(String path) {
    return Path.of(URI.create(path));
  }

  @Test
  void resultSummarizesTheSweep() {
    assertThat(result.runs()).isEqualTo(9);
    assertThat(result.phaseCounts()).containsExactly(entry(Phase.COMPREHENSION, 3L),
        entry(Phase.GROKKING, 3L), entry(Phase.MEMORIZATION, 1L), entry(Phase.CONFUSION, 1L),
        entry(Phase.FAILED, 1L), entry(Phase.NOT_APPLICABLE, 0L));
    assertThat(result.imagePaths()).allSatisfy(p -> assertThat(local(p)).isNotEmptyFile())
        .map(p -> local(p).getFileName().toString())
        .containsExactlyElementsOf(FIGURES.stream()
            .flatMap(f -> java.util.stream.Stream.of(f + ".png", f + ".svg")).toList());
    assertThat(local(result.reportPath())).isNotEmptyFile()
        .hasFileName("index.html").hasParent(dir.resolve(Layout.REPORT));
  }

  @Test
  void reportDirectoryHoldsOnlyTheReportFiles() throws IOException {
    try (var files = Files.list(dir.resolve(Layout.REPORT))) {
      List<String> expected = new java.util.ArrayList<>(List.of("index.html", "runs.csv"));
      FIGURES.forEach(f -> expected.addAll(List.of(f + ".png", f + ".svg")));
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(expected);
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
    // censored: train at 200, test never, last step 2990
    assertThat(fromCsv.get("memo").get("delay")).isEmpty();
    assertThat(fromCsv.get("memo").get("delay_lower_bound")).isEqualTo("2790");
    assertThat(fromCsv.get("grok").get("delay_lower_bound")).isEmpty();
    assertThat(fromCsv.get("grok").get("key_frequencies")).isEqualTo("1,2");
    assertThat(fromCsv.get("grok").get("majority_voting"))
        .isEqualTo("k=1:n=9:R=0.12;k=2:n=7:R=0.30");
    assertThat(fromCsv.get("div").get("steps_budget")).isEqualTo("3000");
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
  void aNamedRunGetsItsFigureAndAnUnknownOneStopsTheAnalysisBeforeItWrites() throws Exception {
    Path index = local(result.reportPath());
    AnalysisResult named = Analysis.run(spark, sweep.dir(),
        new AnalysisOptions(PhaseRule.defaults(), List.of("grok3", "comp")));
    assertThat(named.imagePaths()).map(p -> local(p).getFileName().toString())
        .endsWith("run-memo.png", "run-memo.svg", "run-div.png", "run-div.svg",
            "run-grok3.png", "run-grok3.svg");
    assertThat(Files.readString(index)).contains("representative of comprehension, named",
        "<h3 id=\"run-grok3\">");

    var before = Files.getLastModifiedTime(index);
    assertThatThrownBy(() -> Analysis.run(spark, sweep.dir(),
        new AnalysisOptions(PhaseRule.defaults(), List.of("nope"))))
        .hasMessageContaining("--runs: must name committed runs of the sweep, found 'nope'");
    assertThat(Files.getLastModifiedTime(index)).isEqualTo(before);
    Analysis.run(spark, sweep.dir(), PhaseRule.defaults());
    assertThat(dir.resolve(Layout.REPORT).resolve("run-grok3.png")).doesNotExist();
  }

  @Test
  void theRuleGivenIsTheRuleUsedAndCaptioned() throws IOException {
    AnalysisResult strict = Analysis.run(spark, sweep.dir(), new PhaseRule(0.95, 2000));
    try {
      // grok: train 0.98 at 500, test 0.97 at 2000: a delay of 1500 is below the new gap
      assertThat(strict.phaseCounts().get(Phase.GROKKING)).isZero();
      String html = Files.readString(local(strict.reportPath()));
      assertThat(html).contains("threshold 0.95, gap 2000 steps")
          .doesNotContain("threshold 0.9, gap 1000 steps");
    } finally {
      Analysis.run(spark, sweep.dir(), PhaseRule.defaults());
    }
  }

  @Test
  void rerunOverwritesAndDropsImagesOfVanishedModuli() throws IOException {
    Path stale = dir.resolve(Layout.REPORT).resolve("phase-p97.png");
    Files.write(stale, new byte[] {1});
    Path staleRun = dir.resolve(Layout.REPORT).resolve("run-gone.svg");
    Files.write(staleRun, new byte[] {1});
    AnalysisResult again = Analysis.run(spark, sweep.dir(), PhaseRule.defaults());
    assertThat(again.runs()).isEqualTo(result.runs());
    assertThat(stale).doesNotExist();
    assertThat(staleRun).doesNotExist();
    assertThat(spark.read().parquet(sweep.layout().table(Layout.RUNS).toString()).count())
        .isEqualTo(9);
  }
}
