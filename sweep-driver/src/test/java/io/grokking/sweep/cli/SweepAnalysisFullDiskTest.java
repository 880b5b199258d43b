package io.grokking.sweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills during the analysis a sweep runs at its end (issue 22): the analysis' table
 * write fails inside a Spark task, so the failure reaches the driver wrapped in a {@code
 * SparkException}, which is checked and was caught by nothing but the generic handler: exit 1.
 * It must end like any full disk: the one-line message and exit code 3, the runs committed.
 */
class SweepAnalysisFullDiskTest {
  private static final String CONFIG = "sweep { moduli = [7], weight-decays = [1.0],"
      + " train-fractions = [0.5], seeds = [0, 1] }\n"
      + "train { width = 16, learning-rate = 1e-2, steps = 30, eval-every = 10,"
      + " stop-after-grok = false }\n";

  @TempDir Path dir;

  @Test
  void aFullDiskDuringTheFinalAnalysisExitsThreeWithTheOneLineMessage() throws IOException {
    Path config = Files.writeString(dir.resolve("full.conf"), CONFIG);
    Path outDir = dir.resolve("out");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = InProcess.grok(out, err, "sweep", "--config", config.toString(), "--out",
        outDir.toString(), "--master", "local[1]", "--no-spark-ui",
        "--spark-conf", "spark.hadoop.fs.file.impl=" + FullTableFileSystem.class.getName(),
        "--spark-conf", "spark.hadoop.fs.file.impl.disable.cache=true");

    String printed = out.toString(StandardCharsets.UTF_8);
    String errors = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed + errors).isEqualTo(GrokCli.EXIT_UNWRITABLE);
    assertThat(errors.lines().toList()).as(errors).singleElement().asString()
        .startsWith("error: no space left on device under " + outDir + ": 2 of 2 runs"
            + " committed; free space and run the same command again to resume");
    assertThat(SweepOutput.files(outDir, "results")).hasSize(2);
    assertThat(printed).doesNotContain("runs classified");
  }
}
