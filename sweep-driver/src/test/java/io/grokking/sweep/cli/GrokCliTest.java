package io.grokking.sweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.sweep.config.ConfigLoader;
import io.grokking.sweep.config.ConfigRenderer;
import io.grokking.sweep.config.Provenance;
import io.grokking.sweep.spark.SweepJob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The command line's edge: help, usage errors and refusals that must leave nothing behind. */
class GrokCliTest {
  static final String GOOD = "sweep { moduli = [7], weight-decays = [0, 1],"
      + " train-fractions = [0.5], seeds = [0] }\ntrain.steps = 10\n";

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Console console;

  @BeforeEach
  void console() {
    console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
  }

  private int grok(String... args) {
    return GrokCli.run(console, args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.grokking.sweep.config.BadConfigs#cases")
  void badConfigurationExitsTwoAndWritesNothing(String name, String text, String[] fragments)
      throws IOException {
    Path config = write("bad.conf", text);
    Path outDir = dir.resolve("out");

    int code = grok("sweep", "--config", config.toString(), "--out", outDir.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err()).startsWith("error: ").contains(fragments);
    assertThat(err().lines()).hasSize(1);
    assertThat(out()).isEmpty();
    assertThat(outDir).doesNotExist();
  }

  /** An output path that cannot take a sweep: what is there beforehand, and the message. */
  enum BadOut {
    IS_A_FILE("out", "must be a directory, found a file at"),
    UNDER_A_FILE("file/out", "is not a directory"),
    NOT_EMPTY_AND_NOT_A_SWEEP("home", "must be empty or hold an earlier sweep"),
    ANOTHER_GRID("other", "holds a sweep with a different grid");

    final String path;
    final String message;

    BadOut(String path, String message) {
      this.path = path;
      this.message = message;
    }
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.EnumSource(BadOut.class)
  void anOutputThatCannotBeWrittenExitsTwoAndIsLeftUntouched(BadOut bad) throws IOException {
    Path config = write("good.conf", GOOD);
    Path root = Files.createDirectories(dir.resolve("root"));
    switch (bad) {
      case IS_A_FILE -> Files.writeString(root.resolve("out"), "x");
      case UNDER_A_FILE -> Files.writeString(root.resolve("file"), "x");
      case NOT_EMPTY_AND_NOT_A_SWEEP -> Files.writeString(
          Files.createDirectories(root.resolve("home")).resolve("notes.txt"), "mine");
      case ANOTHER_GRID -> Files.writeString(
          Files.createDirectories(root.resolve("other")).resolve("sweep.conf"),
          ConfigRenderer.render(ConfigLoader.parse(GOOD, "other", List.of("train.steps=20")),
              Provenance.capture(dir)));
    }
    Map<Path, String> before = snapshot(root);
    Path outDir = root.resolve(bad.path);

    int code = grok("sweep", "--config", config.toString(), "--out", outDir.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err()).startsWith("error: --out: ").contains(bad.message)
        .contains(bad == BadOut.UNDER_A_FILE ? root.resolve("file").toString()
            : bad == BadOut.ANOTHER_GRID ? "grid hash" : outDir.toString());
    assertThat(err().lines()).hasSize(1);
    assertThat(snapshot(root)).isEqualTo(before);
  }

  private static Map<Path, String> snapshot(Path root) throws IOException {
    Map<Path, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        files.put(p, Files.isRegularFile(p) ? Files.readString(p) : "<dir>");
      }
    }
    return files;
  }

  @Test
  void badSetExitsTwoAndWritesNothing() throws IOException {
    Path config = write("good.conf", GOOD);
    Path outDir = dir.resolve("out");

    int code = grok("sweep", "--config", config.toString(), "--out", outDir.toString(),
        "--set", "sweep.train-fractions=0.5,1.5");

    assertThat(code).isEqualTo(2);
    assertThat(err()).isEqualToIgnoringNewLines(
        "error: sweep.train-fractions: each value must be in (0, 1], found 1.5");
    assertThat(outDir).doesNotExist();
  }

  @Test
  void outputUnderARegularFileExitsTwo() throws IOException {
    Path config = write("good.conf", GOOD);
    Path file = write("file", "not a directory");

    int code = grok("sweep", "--config", config.toString(), "--out",
        file.resolve("out").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err()).startsWith("error: --out: cannot create").contains("is not a directory");
  }

  @Test
  void outputThatIsAFileExitsTwo() throws IOException {
    Path config = write("good.conf", GOOD);
    Path file = write("file", "x");

    assertThat(grok("sweep", "--config", config.toString(), "--out", file.toString()))
        .isEqualTo(2);
    assertThat(err()).contains("--out", "must be a directory", file.toString());
  }

  @Test
  void nonEmptyDirectoryWithoutSweepConfIsRefused() throws IOException {
    Path config = write("good.conf", GOOD);
    Path outDir = Files.createDirectories(dir.resolve("home"));
    Files.writeString(outDir.resolve("notes.txt"), "mine");

    assertThat(grok("sweep", "--config", config.toString(), "--out", outDir.toString()))
        .isEqualTo(2);
    assertThat(err()).contains("--out", "no sweep.conf", "--force");
  }

  @Test
  void directoryOfAnotherGridIsRefusedWithoutForce() throws IOException {
    Path config = write("good.conf", GOOD);
    Path outDir = Files.createDirectories(dir.resolve("out"));
    String other = ConfigRenderer.render(
        ConfigLoader.parse(GOOD, "other", List.of("train.steps=20")),
        Provenance.capture(dir));
    Path sweepConf = Files.writeString(outDir.resolve("sweep.conf"), other);

    int code = grok("sweep", "--config", config.toString(), "--out", outDir.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("different grid", "--force");
    assertThat(Files.readString(sweepConf)).isEqualTo(other);
    assertThat(outDir).isDirectoryContaining(p -> true).satisfies(
        d -> assertThat(Files.list(d).count()).isEqualTo(1));
  }

  @Test
  void unknownOptionIsAOneLineUsageError() {
    assertThat(grok("sweep", "--frobnicate")).isEqualTo(2);
    assertThat(err()).startsWith("error: Unknown option: '--frobnicate'");
    assertThat(err().lines()).hasSize(1);
  }

  @Test
  void missingCommandIsAUsageError() {
    assertThat(grok()).isEqualTo(2);
    assertThat(err()).startsWith("error: missing command");
  }

  @Test
  void sweepHelpListsEveryOption() {
    CommandLine sweep = GrokCli.commandLine(console, SweepJob.training())
        .getSubcommands().get("sweep");

    assertThat(grok("sweep", "--help")).isZero();

    assertThat(sweep.getCommandSpec().options()).isNotEmpty();
    for (OptionSpec option : sweep.getCommandSpec().options()) {
      String name = option.negatable()
          ? "--[no-]" + option.longestName().substring(2) : option.longestName();
      assertThat(out()).as(name).contains(name);
    }
    assertThat(out()).contains("--config=FILE", "--out=DIR", "--master=URL", "--set=KEY=VALUE",
        "--force", "--[no-]spark-ui", "--[no-]analyze", "--spark-conf=KEY=VALUE", "Exit codes");
  }

  @Test
  void everyCommandHasHelp() {
    assertThat(grok("--help")).isZero();
    assertThat(out()).contains("sweep", "analyze");
    assertThat(grok("analyze", "--help")).isZero();
    assertThat(out()).contains("DIR", "--phase-threshold=X", "--phase-gap=N", "--phase-rule=RULE",
        "--phase-ratio=R", "--x=KEY", "--y=KEY", "--loss-milestones=L");
  }

  @Test
  void analyzeRefusesADirectoryWithoutSweepConf() {
    assertThat(grok("analyze", dir.toString())).isEqualTo(2);
    assertThat(err()).startsWith("error: DIR: must be a sweep output directory");
  }

  @Test
  void analyzeRejectsABadPhaseThresholdBeforeSparkStarts() throws IOException {
    Path outDir = Files.createDirectories(dir.resolve("out"));
    Files.writeString(outDir.resolve("sweep.conf"), ConfigRenderer.render(
        ConfigLoader.parse(GOOD, "good", List.of()), Provenance.capture(dir)));

    assertThat(grok("analyze", outDir.toString(), "--phase-threshold", "1.5")).isEqualTo(2);
    assertThat(err()).isEqualToIgnoringNewLines(
        "error: analysis.phase-threshold: must be in (0, 1], found 1.5");
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "--x=train.learning-rate | analysis.x: must name an axis of this sweep",
      "--y=sweep.seeds | analysis.y: must name an axis of this sweep",
      "--phase-rule=relative | analysis.phase-rule: must be one of gap, ratio, found relative",
      "--phase-ratio=0.5 | analysis.phase-ratio: must be a number > 1, found 0.5",
      "--loss-milestones=1,-2 | analysis.loss-milestones: each value must be a number > 0"})
  void analyzeRejectsBadDiagramSettingsBeforeSparkStarts(String option, String message)
      throws IOException {
    Path outDir = Files.createDirectories(dir.resolve("out"));
    Files.writeString(outDir.resolve("sweep.conf"), ConfigRenderer.render(
        ConfigLoader.parse(GOOD, "good", List.of()), Provenance.capture(dir)));

    assertThat(grok("analyze", outDir.toString(), option)).isEqualTo(2);
    assertThat(err()).startsWith("error: " + message);
    assertThat(err().lines()).hasSize(1);
    assertThat(outDir.resolve("report")).doesNotExist();
  }
}
