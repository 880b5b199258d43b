package io.grokking.sweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grok sweep} and {@code grok analyze} with real training into an {@code hdfs://} output
 * directory on Hadoop's in-process HDFS: each run is committed once (by HDFS's rename, which
 * refuses an existing target) with the same rows as the same sweep into a local directory, a
 * second sweep retrains nothing, a sweep cut short resumes, and the analysis writes its report
 * there.
 */
class HdfsSweepTest {
  static final int STEPS = 40;
  static final String TINY = "sweep { moduli = [11], weight-decays = [0.5, 1.0],"
      + " train-fractions = [0.5], seeds = [0, 1] }\n"
      + "train { width = 16, learning-rate = 1e-2, steps = " + STEPS + ", eval-every = 10,"
      + " stop-after-grok = false }\n";
  static final int RUNS = 4;
  /** Columns of a result row that measure the machine rather than the run. */
  static final Set<String> TIMING = Set.of("train_seconds", "eval_seconds", "total_seconds",
      "started_at_ms");
  static final List<String> RUN_TABLES = List.of("results", "metrics", "spectra", "neurons");

  @TempDir static Path dir;
  static MiniHdfs hdfs;
  static Path config;
  /** The sweep every test reads, written once into HDFS. */
  static final String SWEEP = "/sweeps/tiny";
  static String firstSummary;

  @BeforeAll
  static void sweepIntoHdfs() throws IOException {
    hdfs = MiniHdfs.start(dir.resolve("hdfs").toFile(), 1);
    config = Files.writeString(dir.resolve("tiny.conf"), TINY);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = sweep(out, err, hdfs.uri(SWEEP));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    firstSummary = out.toString(StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  static int sweep(ByteArrayOutputStream out, ByteArrayOutputStream err, String outDir,
      String... more) {
    List<String> args = new ArrayList<>(List.of("sweep", "--config", config.toString(),
        "--out", outDir, "--no-spark-ui", "--no-analyze"));
    args.addAll(List.of(more));
    if (!args.contains("--master")) {
      args.addAll(List.of("--master", "local[2]"));
    }
    return InProcess.grok(out, err, args.toArray(String[]::new));
  }

  @Test
  void everyRunIsCommittedOnceWithTheRowsOfTheSameSweepIntoALocalDirectory() throws IOException {
    assertThat(firstSummary).contains(RUNS + " runs", "0 already committed", "completed " + RUNS,
        "log: none");
    for (String table : RUN_TABLES) {
      assertThat(hdfs.files(SWEEP, table)).as(table).hasSize(RUNS)
          .extracting(MiniHdfs::runId).doesNotHaveDuplicates();
    }
    assertThat(hdfs.list(SWEEP + "/_staging")).isEmpty();
    assertThat(hdfs.list(SWEEP)).as("no log file on hdfs").doesNotContain("logs");

    Path local = dir.resolve("local");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(sweep(out, err, local.toString())).as(err.toString(StandardCharsets.UTF_8))
        .isZero();

    for (String table : RUN_TABLES) {
      Map<String, List<Map<String, String>>> onHdfs = new LinkedHashMap<>();
      for (org.apache.hadoop.fs.Path f : hdfs.files(SWEEP, table)) {
        onHdfs.put(MiniHdfs.runId(f), values(hdfs.rows(f)));
      }
      Map<String, List<Map<String, String>>> onDisk = new LinkedHashMap<>();
      for (Path f : SweepOutput.files(local, table)) {
        onDisk.put(SweepOutput.runId(f), values(SweepOutput.rows(f)));
      }
      assertThat(onHdfs).as(table).isEqualTo(onDisk);
    }
    for (org.apache.hadoop.fs.Path f : hdfs.files(SWEEP, "metrics")) {
      assertThat(hdfs.rows(f)).extracting(g -> g.getInteger("step", 0))
          .containsExactlyElementsOf(IntStream.rangeClosed(0, STEPS).boxed().toList());
    }
  }

  @Test
  void aSecondSweepIntoTheSameDirectoryTrainsNothing() throws IOException {
    Map<String, Long> modified = new LinkedHashMap<>();
    for (org.apache.hadoop.fs.Path f : hdfs.files(SWEEP, "results")) {
      modified.put(MiniHdfs.runId(f), hdfs.modificationTime(f));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    assertThat(sweep(out, err, hdfs.uri(SWEEP))).as(err.toString(StandardCharsets.UTF_8))
        .isZero();

    assertThat(out.toString(StandardCharsets.UTF_8)).contains("resume",
        RUNS + " already committed",
        "Nothing to train: all " + RUNS + " runs were committed earlier");
    for (org.apache.hadoop.fs.Path f : hdfs.files(SWEEP, "results")) {
      assertThat(hdfs.modificationTime(f)).as("not rewritten: %s", f)
          .isEqualTo(modified.get(MiniHdfs.runId(f)));
    }
    assertThat(hdfs.exists(SWEEP + "/_lease")).as("the lease is released").isFalse();
  }

  @Test
  void aSweepCutShortBetweenDataAndResultResumesAndCommitsEachRunOnce() throws IOException {
    String sweep = "/sweeps/cut";
    String cut = hdfs.files(SWEEP, "results").stream().map(MiniHdfs::runId).sorted()
        .findFirst().orElseThrow();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    // Both attempts of one run die after publishing its data files, before its result: the run
    // is reported failed and is not committed, its metrics already in place.
    int first = sweep(out, err, hdfs.uri(sweep), "--master", "local[2,2]",
        "--spark-conf", "spark.grok.fault-injection=commit:2@" + cut);

    assertThat(first).as("the cut run failed").isEqualTo(1);
    assertThat(hdfs.files(sweep, "results")).hasSize(RUNS - 1).extracting(MiniHdfs::runId)
        .doesNotContain(cut);
    assertThat(hdfs.files(sweep, "metrics")).extracting(MiniHdfs::runId).contains(cut);

    ByteArrayOutputStream again = new ByteArrayOutputStream();
    int second = sweep(again, err, hdfs.uri(sweep));

    assertThat(second).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(again.toString(StandardCharsets.UTF_8)).contains("resume",
        (RUNS - 1) + " already committed", "1 trained now, " + (RUNS - 1) + " committed earlier");
    for (String table : RUN_TABLES) {
      assertThat(hdfs.files(sweep, table)).as(table).hasSize(RUNS).extracting(MiniHdfs::runId)
          .doesNotHaveDuplicates();
    }
    for (org.apache.hadoop.fs.Path f : hdfs.files(sweep, "metrics")) {
      assertThat(hdfs.rows(f)).extracting(g -> g.getInteger("step", 0)).as(f.toString())
          .containsExactlyElementsOf(IntStream.rangeClosed(0, STEPS).boxed().toList());
    }
    assertThat(hdfs.list(sweep + "/_staging")).isEmpty();
  }

  @Test
  void analyzeWritesTheReportIntoHdfsWithoutALogFile() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = InProcess.grok(out, err, "analyze", hdfs.uri(SWEEP), "--master", "local[2]",
        "--no-spark-ui");

    String console = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(console).contains("report: " + hdfs.uri(SWEEP + "/report/index.html"),
        "log: none");
    assertThat(hdfs.list(SWEEP + "/report")).contains("index.html", "runs.csv");
    assertThat(hdfs.files(SWEEP, "runs")).isNotEmpty();
    assertThat(hdfs.list(SWEEP)).doesNotContain("logs");
    List<String> csv;
    try (InputStream in = hdfs.fs().open(new org.apache.hadoop.fs.Path(
        hdfs.uri(SWEEP + "/report/runs.csv")))) {
      csv = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    assertThat(csv.get(0)).startsWith("run_id,").contains("phase");
    assertThat(csv.subList(1, csv.size())).hasSize(RUNS).extracting(l -> l.split(",")[0])
        .containsExactlyInAnyOrderElementsOf(hdfs.files(SWEEP, "results").stream()
            .map(MiniHdfs::runId).toList());
  }

  /** Each row as column → value, leaving out the timing columns. */
  static List<Map<String, String>> values(List<Group> rows) {
    List<Map<String, String>> values = new ArrayList<>();
    for (Group g : rows) {
      GroupType type = g.getType();
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < type.getFieldCount(); i++) {
        String name = type.getFieldName(i);
        if (!TIMING.contains(name) && g.getFieldRepetitionCount(i) > 0) {
          row.put(name, g.getValueToString(i, 0));
        }
      }
      values.add(row);
    }
    return values;
  }
}
