package io.grokking.sweep.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokking.sweep.grid.GridExpander;
import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.LossFunction;
import io.grokking.trainer.model.mlp.MlpFamily;
import io.grokking.trainer.model.transformer.TransformerFamily;
import io.grokking.trainer.config.Operation;
import io.grokking.trainer.config.OptimizerConfig;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.config.Settings;
import io.grokking.trainer.config.StopWhen;
import io.grokking.trainer.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.grokking.sweep.config.BadConfigs#cases")
  void rejectsBadInputNamingKeyAndValue(String name, String text, String[] fragments)
      throws IOException {
    Path file = write("bad.conf", text);
    assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
        .isInstanceOf(ConfigException.class)
        .message().contains(fragments);
  }

  @Test
  void largeGridIsAcceptedWhenAllowed() throws IOException {
    String overLimit = BadConfigs.cases()
        .filter(a -> a.get()[0].equals("grid over the limit"))
        .map(a -> (String) a.get()[1]).findFirst().orElseThrow();
    Path file = write("large.conf", overLimit + "sweep.allow-large-grid = true\n");
    SweepConfig c = ConfigLoader.load(file, List.of());
    assertThat(c.gridSize()).isEqualTo(2500).isGreaterThan(c.maxRuns());
  }

  @Test
  void commandLineBeatsFileBeatsDefaults() throws IOException {
    Path file = write("p.conf", "train { width = 64, steps = 200 }\n");
    SweepConfig c = ConfigLoader.load(file, List.of("train.steps=50"));
    assertThat(c.train().steps()).as("--set beats the file").isEqualTo(50);
    assertThat(c.train().width()).as("the file beats the default").isEqualTo(64);
    assertThat(c.train().learningRate()).as("the default fills the rest")
        .isEqualTo(TrainConfig.DEFAULT_LEARNING_RATE);
    assertThat(c.moduli()).isEqualTo(List.of(97));
    assertThat(c.analysis()).isEqualTo(AnalysisConfig.defaults());
  }

  @Test
  void laterSetBeatsEarlierSetAndListsTakeCommas() throws IOException {
    Path file = write("p.conf", "sweep.seeds = [9]\n");
    SweepConfig c = ConfigLoader.load(file, List.of("train.activation=relu",
        "train.activation=quad", "sweep.seeds=0,1,2", "sweep.moduli=13"));
    assertThat(c.train().activation()).isEqualTo(Activation.QUAD);
    assertThat(c.seeds()).containsExactly(0L, 1L, 2L);
    assertThat(c.moduli()).containsExactly(13);
  }

  @Test
  void badSetsNameTheKey() throws IOException {
    Path file = write("p.conf", "");
    assertThatThrownBy(() -> ConfigLoader.load(file, List.of("train.stpes=10")))
        .hasMessageContaining("train.stpes").hasMessageContaining("did you mean train.steps?")
        .hasMessageContaining("--set train.stpes=10");
    assertThatThrownBy(() -> ConfigLoader.load(file, List.of("train.steps")))
        .hasMessage("--set: must be key=value, found train.steps");
    assertThatThrownBy(() -> ConfigLoader.load(file, List.of("sweep.moduli=[7,")))
        .hasMessageStartingWith("sweep.moduli: cannot parse the value of --set sweep.moduli=[7,");
    assertThatThrownBy(() -> ConfigLoader.load(file, List.of("train.width=1e12")))
        .hasMessageContaining("train.width: must be an integer, found 1000000000000");
  }

  @Test
  void missingFileIsAConfigError() {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.conf"), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--config").hasMessageContaining("nope.conf");
  }

  @Test
  void renderedConfigLoadsBackEqualAndKeepsProvenanceApart() throws IOException {
    Path file = write("full.conf", BadConfigs.GRID + "train { width = 32, learning-rate = 3e-3,"
        + " epsilon = 1e-8, activation = quad, dtype = float64, stop-after-grok = false,"
        + " loss = stablemax }\n"
        + "analysis.phase-gap = 100\n");
    SweepConfig c = ConfigLoader.load(file, List.of());
    Provenance p = new Provenance("17", "4.0.1", "1.0.0-M2.1", "host \"x\"",
        Instant.parse("2026-01-02T03:04:05Z"), Provenance.UNKNOWN);
    String rendered = ConfigRenderer.render(c, p);

    assertThat(ConfigLoader.parse(rendered, "sweep.conf", List.of())).isEqualTo(c);
    assertThat(ConfigLoader.recordedGridHash(rendered, "sweep.conf")).contains(c.gridHash());
    assertThat(rendered).contains("created-at = \"2026-01-02T03:04:05Z\"");
  }

  @Test
  void gridHashIgnoresOrderAndSpeedSettingsButNotWhatRunsCompute() {
    SweepConfig a = ConfigLoader.parse(BadConfigs.GRID, "a", List.of());
    SweepConfig reordered = ConfigLoader.parse(BadConfigs.GRID, "b",
        List.of("sweep.moduli=[11, 7, 7]", "train.threads=4", "train.checkpoint-every=100"));
    SweepConfig longer = ConfigLoader.parse(BadConfigs.GRID, "c", List.of("train.steps=20000"));
    assertThat(reordered.gridHash()).isEqualTo(a.gridHash());
    assertThat(longer.gridHash()).isNotEqualTo(a.gridHash());
  }

  @Test
  void phaseSettledEntersTheRunIdWithItsThresholdAndWindowOnlyWhenChosen() {
    SweepConfig plain = ConfigLoader.parse(BadConfigs.GRID, "a", List.of());
    SweepConfig explicit = ConfigLoader.parse(BadConfigs.GRID, "b",
        List.of("train.stop-when=generalized"));
    SweepConfig settled = ConfigLoader.parse(BadConfigs.GRID, "c",
        List.of("train.stop-when=phase-settled", "train.stop-window=400",
            "analysis.phase-threshold=0.95"));
    RunSpec plainRun = GridExpander.expand(plain).get(0);
    assertThat(GridExpander.expand(explicit).get(0).runId()).isEqualTo(plainRun.runId());
    assertThat(explicit.gridHash()).isEqualTo(plain.gridHash());
    assertThat(plainRun.canonical()).doesNotContain("stopwhen", "settle");

    TrainConfig t = settled.train();
    assertThat(t.stopWhen()).isEqualTo(StopWhen.PHASE_SETTLED);
    assertThat(t.settleThreshold()).as("the phase threshold").isEqualTo(0.95);
    assertThat(t.settleWindow()).as("the stop window").isEqualTo(400);
    RunSpec settledRun = GridExpander.expand(settled).get(0);
    assertThat(settledRun.canonical())
        .endsWith(";stopwin=400;stopwhen=phase-settled;settleth=0.95;settlewin=400");
    assertThat(Settings.parse(settledRun.canonical())).containsEntry("train.stop-when",
        "phase-settled").containsEntry("train.settle-window", "400");
    assertThat(Settings.parse(plainRun.canonical())).containsEntry("train.stop-when",
        "generalized").doesNotContainKey("train.settle-window");
  }

  @Test
  void settleSettingsOfTheirOwnOverrideTheirDefaultsAndRenderBack() {
    SweepConfig c = ConfigLoader.parse(BadConfigs.GRID, "s", List.of(
        "train.stop-when=phase-settled", "train.settle-threshold=0.95", "train.settle-window=300"));
    assertThat(c.train().settleThreshold()).isEqualTo(0.95);
    assertThat(c.train().settleWindow()).isEqualTo(300);
    String rendered = ConfigRenderer.render(c, new Provenance("17", "4.0.1", "1.0.0-M2.1", "h",
        Instant.parse("2026-01-02T03:04:05Z"), Provenance.UNKNOWN));
    assertThat(rendered).contains("stop-when = phase-settled", "settle-threshold = 0.95",
        "settle-window = 300");
    assertThat(ConfigLoader.parse(rendered, "sweep.conf", List.of())).isEqualTo(c);
    SweepConfig byDefault = ConfigLoader.parse(BadConfigs.GRID, "d",
        List.of("train.stop-when=phase-settled"));
    assertThat(ConfigLoader.parse(ConfigRenderer.render(byDefault, new Provenance("17", "4.0.1",
        "1.0.0-M2.1", "h", Instant.parse("2026-01-02T03:04:05Z"), Provenance.UNKNOWN)),
        "sweep.conf", List.of())).isEqualTo(byDefault);
  }

  @Test
  void aBatchSizeEntersTheRunIdOnlyWhenNotFullAndCanBeAnAxis() {
    SweepConfig plain = ConfigLoader.parse(BadConfigs.GRID, "a", List.of());
    SweepConfig full = ConfigLoader.parse(BadConfigs.GRID, "b", List.of("train.batch-size=full"));
    SweepConfig axis = ConfigLoader.parse(BadConfigs.GRID, "c",
        List.of("sweep.axes.train.batch-size=[full, 16]"));
    RunSpec plainRun = GridExpander.expand(plain).get(0);
    assertThat(plain.train().batchSize()).isEqualTo(TrainConfig.FULL_BATCH);
    assertThat(GridExpander.expand(full).get(0).runId()).isEqualTo(plainRun.runId());
    assertThat(full.gridHash()).isEqualTo(plain.gridHash());
    assertThat(plainRun.canonical()).doesNotContain("batch");
    assertThat(Settings.parse(plainRun.canonical())).containsEntry("train.batch-size", "full");

    List<RunSpec> runs = GridExpander.expand(axis);
    assertThat(runs).extracting(r -> r.train().batchSize()).containsOnly(TrainConfig.FULL_BATCH,
        16);
    assertThat(runs).hasSize(4).extracting(RunSpec::runId).contains(plainRun.runId());
    RunSpec batched = runs.stream().filter(r -> r.train().batchSize() == 16).findFirst()
        .orElseThrow();
    assertThat(batched.canonical()).endsWith(";stopwin=1000;batch=16");
    assertThat(Settings.parse(batched.canonical())).containsEntry("train.batch-size", "16");
  }

  @Test
  void aBatchSizeRendersBackAndLoadsEqual() {
    Provenance p = new Provenance("17", "4.0.1", "1.0.0-M2.1", "h",
        Instant.parse("2026-01-02T03:04:05Z"), Provenance.UNKNOWN);
    SweepConfig sized = ConfigLoader.parse(BadConfigs.GRID, "s", List.of("train.batch-size=24"));
    assertThat(sized.train().batchSize()).isEqualTo(24);
    String rendered = ConfigRenderer.render(sized, p);
    assertThat(rendered).contains("batch-size = 24");
    assertThat(ConfigLoader.parse(rendered, "sweep.conf", List.of())).isEqualTo(sized);
    SweepConfig plain = ConfigLoader.parse(BadConfigs.GRID, "d", List.of());
    assertThat(ConfigRenderer.render(plain, p)).contains("batch-size = full");
    SweepConfig axis = ConfigLoader.parse(BadConfigs.GRID, "x",
        List.of("sweep.axes.train.batch-size=[full, 8]"));
    assertThat(ConfigLoader.parse(ConfigRenderer.render(axis, p), "sweep.conf", List.of()))
        .isEqualTo(axis);
  }

  @Test
  void theStopRuleCanBeAnAxis() {
    SweepConfig c = ConfigLoader.parse(BadConfigs.GRID, "x",
        List.of("sweep.axes.train.stop-when=[generalized, phase-settled]"));
    assertThat(GridExpander.expand(c)).extracting(r -> r.train().stopWhen())
        .containsOnly(StopWhen.GENERALIZED, StopWhen.PHASE_SETTLED);
  }

  @Test
  void editDistanceCountsSingleEdits() {
    assertThat(ConfigLoader.editDistance("train.widht", "train.width")).isEqualTo(2);
    assertThat(ConfigLoader.editDistance("train.with", "train.width")).isEqualTo(1);
    assertThat(ConfigLoader.editDistance("", "abc")).isEqualTo(3);
  }

  @Test
  void demoConfigurationIsValid() {
    Path demo = Path.of("..", "conf", "demo.conf");
    SweepConfig c = ConfigLoader.load(demo, List.of());
    assertThat(c.gridSize()).isEqualTo(72);
  }

  @Test
  void todaysConfigurationsKeepTheirGridHashAndRunIds() {
    // Pinned from the code before extra axes and tasks existed (commit 5beab92): a sweep
    // directory written then must keep resuming.
    SweepConfig demo = ConfigLoader.load(Path.of("..", "conf", "demo.conf"), List.of());
    assertThat(demo.gridHash()).isEqualTo("06233fa3cf573e2c");
    List<RunSpec> runs = GridExpander.expand(demo);
    assertThat(runs).hasSize(72);
    assertThat(idOf(runs, 23, 0.0, 0.3, 0)).isEqualTo("148312452f6f7896");
    assertThat(idOf(runs, 23, 0.3, 0.6, 0)).isEqualTo("41703ab77838323d");
    assertThat(idOf(runs, 31, 10.0, 0.9, 2)).isEqualTo("a43fc7811679da43");
    SweepConfig he = ConfigLoader.load(Path.of("..", "conf", "he2026-p23.conf"), List.of());
    assertThat(GridExpander.expand(he)).singleElement()
        .extracting(RunSpec::runId).isEqualTo("8c2dbf648dcea600");
  }

  @Test
  void theMlpOptionsAreSweepableAndTheirDefaultsKeepTheIds() throws IOException {
    SweepConfig plain = ConfigLoader.parse(BadConfigs.GRID, "plain", List.of());
    SweepConfig spelled = ConfigLoader.parse(BadConfigs.GRID, "spelled",
        List.of("model.depth=1", "model.bias=false", "train.init-std=none"));
    assertThat(spelled.gridHash()).isEqualTo(plain.gridHash());
    assertThat(GridExpander.expand(spelled)).extracting(RunSpec::runId)
        .containsExactlyElementsOf(GridExpander.expand(plain).stream().map(RunSpec::runId)
            .toList());

    Path file = write("mlp.conf", BadConfigs.GRID + "sweep.axes {\n"
        + "  model.depth = [1, 2]\n  model.bias = [false, true]\n"
        + "  train.activation = [relu, gelu, tanh]\n  train.init-std = [none, 0.05]\n}\n");
    SweepConfig c = ConfigLoader.load(file, List.of());
    List<RunSpec> runs = GridExpander.expand(c);
    assertThat(c.variants()).hasSize(24);
    assertThat(runs.stream().map(RunSpec::runId).distinct().count()).isEqualTo(runs.size());
    assertThat(runs).anySatisfy(r -> {
      assertThat(r.model().depth()).isEqualTo(2);
      assertThat(r.model().bias()).isTrue();
      assertThat(r.train().initStd()).isEqualTo(0.05);
      assertThat(r.canonical()).contains(";initstd=0.05;").endsWith(";depth=2;bias=true");
    });
    Provenance p = new Provenance("17", "4.0.1", "1.0.0-M2.1", "h",
        Instant.parse("2026-01-02T03:04:05Z"), Provenance.UNKNOWN);
    assertThat(ConfigLoader.parse(ConfigRenderer.render(c, p), "sweep.conf", List.of()))
        .isEqualTo(c);
    SweepConfig std = ConfigLoader.parse(BadConfigs.GRID, "std",
        List.of("train.init-std=0.05", "model.depth=2"));
    assertThat(ConfigLoader.parse(ConfigRenderer.render(std, p), "sweep.conf", List.of()))
        .isEqualTo(std);
  }

  private static String idOf(List<RunSpec> runs, int p, double wd, double frac, long seed) {
    return runs.stream().filter(r -> r.modulus() == p && r.weightDecay() == wd
        && r.trainFraction() == frac && r.seed() == seed).findFirst().orElseThrow().runId();
  }

  @Test
  void axesTakeListsAndShortcutsAndMultiplyTheGrid() throws IOException {
    Path file = write("axes.conf", BadConfigs.GRID + "train.encoding = concat\n"
        + "sweep.axes {\n"
        + "  train.learning-rate = logspace(1e-4, 1e-2, 3)\n"
        + "  task.operation = [add, \"x2+y2\", sub]\n"
        + "  train.init-scale = \"linspace(0.1, 0.4, 4)\"\n"
        + "}\n");
    SweepConfig c = ConfigLoader.load(file, List.of());
    assertThat(c.axes()).extracting(Axis::key)
        .containsExactly("train.learning-rate", "train.init-scale", "task.operation");
    assertThat(c.axes().get(0).values()).containsExactly(1e-4, 0.001, 0.01);
    assertThat(c.axes().get(1).values()).containsExactly(0.1, 0.2, 0.3, 0.4);
    assertThat(c.variants()).hasSize(36);
    assertThat(c.gridSize()).isEqualTo(2 * 36);
    List<RunSpec> runs = GridExpander.expand(c);
    assertThat(runs).hasSize(72);
    assertThat(runs).extracting(r -> r.task().operation()).containsOnly(Operation.ADD,
        Operation.X2_PLUS_Y2, Operation.SUB);
    assertThat(runs).filteredOn(r -> r.task().operation() == Operation.SUB
            && r.train().learningRate() == 0.01 && r.train().initScale() == 0.3)
        .hasSize(2) // one per modulus
        .allSatisfy(r -> assertThat(r.canonical()).endsWith(";op=sub")
            .contains(";lr=0.01;").contains(";init=0.3;"));
    // settings no axis varies keep the base value
    assertThat(runs).extracting(r -> r.train().encoding()).containsOnly(Encoding.CONCAT);
  }

  @Test
  void axesComeFromTheCommandLineToo() throws IOException {
    Path file = write("p.conf", BadConfigs.GRID);
    SweepConfig c = ConfigLoader.load(file, List.of("sweep.axes.train.width=16,32",
        "sweep.axes.train.learning-rate=logspace(1e-3, 1e-1, 3)", "task.label-noise=0.1"));
    assertThat(c.axes()).extracting(Axis::key)
        .containsExactly("train.width", "train.learning-rate");
    assertThat(c.axes().get(1).values()).containsExactly(0.001, 0.01, 0.1);
    assertThat(c.variants()).extracting(v -> v.task().labelNoise()).containsOnly(0.1);
    assertThat(c.gridSize()).isEqualTo(2 * 6);
  }

  @Test
  void wordsWithPlusSignsNeedNoQuotesOnTheCommandLine() throws IOException {
    Path file = write("p.conf", BadConfigs.GRID);
    SweepConfig c = ConfigLoader.load(file, List.of("task.operation=x2+y2",
        "sweep.axes.task.operation=add,x2+xy+y2"));
    assertThat(c.task().operation()).isEqualTo(Operation.X2_PLUS_Y2);
    assertThat(c.axes().get(0).values()).containsExactly("add", "x2+xy+y2");
  }

  @Test
  void theGridHashCoversEveryAxis() throws IOException {
    SweepConfig plain = ConfigLoader.parse(BadConfigs.GRID, "a", List.of());
    SweepConfig twoRates = ConfigLoader.parse(BadConfigs.GRID, "b",
        List.of("sweep.axes.train.learning-rate=1e-3,3e-3"));
    SweepConfig swapped = ConfigLoader.parse(BadConfigs.GRID, "c",
        List.of("sweep.axes.train.learning-rate=3e-3,1e-3,1e-3", "train.learning-rate=0.5"));
    SweepConfig threeRates = ConfigLoader.parse(BadConfigs.GRID, "d",
        List.of("sweep.axes.train.learning-rate=1e-3,3e-3,1e-2"));
    SweepConfig noisy = ConfigLoader.parse(BadConfigs.GRID, "e", List.of("task.label-noise=0.2"));
    assertThat(twoRates.gridHash()).isNotEqualTo(plain.gridHash())
        .as("order, duplicates and the base value an axis replaces do not count")
        .isEqualTo(swapped.gridHash())
        .isNotEqualTo(threeRates.gridHash());
    assertThat(noisy.gridHash()).isNotEqualTo(plain.gridHash());
  }

  @Test
  void renderedAxesAndTaskLoadBackEqual() throws IOException {
    Path file = write("full.conf", BadConfigs.GRID + "train.encoding = concat\n"
        + "sweep.axes { train.learning-rate = logspace(1e-4, 1e-2, 3),"
        + " task.operation = [mul, \"x2+xy+y2\"] }\n"
        + "task.label-noise = 0.05\n"
        + "analysis { x = train.learning-rate, y = task.operation, phase-rule = ratio,"
        + " phase-ratio = 3, loss-milestones = [1.0, 0.1] }\n");
    SweepConfig c = ConfigLoader.load(file, List.of());
    String rendered = ConfigRenderer.render(c, new Provenance("17", "4.0.1", "1.0.0-M2.1", "h",
        Instant.parse("2026-01-02T03:04:05Z"), Provenance.UNKNOWN));
    assertThat(rendered).contains("learning-rate = [1.0E-4, 0.001, 0.01]")
        .contains("operation = [\"mul\", \"x2+xy+y2\"]").contains("label-noise = 0.05");
    SweepConfig back = ConfigLoader.parse(rendered, "sweep.conf", List.of());
    assertThat(back).isEqualTo(c);
    assertThat(back.analysis().phaseRule()).isEqualTo("ratio");
    assertThat(back.analysis().lossMilestones()).containsExactly(1.0, 0.1);
  }

  @Test
  void shortcutsAreQuotedOnlyWhereTheyStandUnquoted() {
    assertThat(ConfigLoader.quoteShortcuts("a = logspace(1, 10, 2)\nb = \"linspace(0, 1, 3)\""))
        .isEqualTo("a = \"logspace(1, 10, 2)\"\nb = \"linspace(0, 1, 3)\"");
  }

  @Test
  void theTransformerStandsInTheDemoAndIgnoresTheMlpsSettings() {
    Path demo = Path.of("..", "conf", "demo.conf");
    SweepConfig transformer = ConfigLoader.load(demo, List.of("model.family=transformer"));
    List<RunSpec> runs = GridExpander.expand(transformer);
    assertThat(runs).hasSize(72).allSatisfy(r -> assertThat(r.canonical())
        .contains(";family=transformer;d=128;heads=4;dhead=32;dmlp=512")
        .doesNotContain("width=").doesNotContain("act=").doesNotContain("enc=")
        .doesNotContain("init="));
    SweepConfig wider = ConfigLoader.load(demo, List.of("model.family=transformer",
        "train.width=999", "train.activation=quad", "train.init-scale=3"));
    assertThat(GridExpander.expand(wider)).extracting(RunSpec::runId)
        .as("MLP settings do not enter a transformer's run id")
        .isEqualTo(runs.stream().map(RunSpec::runId).toList());
    assertThat(wider.gridHash()).isEqualTo(transformer.gridHash());
    SweepConfig deeper = ConfigLoader.load(demo, List.of("model.family=transformer",
        "model.d-mlp=256"));
    assertThat(GridExpander.expand(deeper).get(0).runId()).isNotEqualTo(runs.get(0).runId());
  }

  @Test
  void transformerLayersEnterTheIdOnlyAboveOne() {
    Path demo = Path.of("..", "conf", "demo.conf");
    SweepConfig plain = ConfigLoader.load(demo, List.of("model.family=transformer"));
    SweepConfig spelled = ConfigLoader.load(demo, List.of("model.family=transformer",
        "model.layers=1"));
    assertThat(spelled.gridHash()).isEqualTo(plain.gridHash());
    assertThat(GridExpander.expand(spelled)).extracting(RunSpec::runId)
        .isEqualTo(GridExpander.expand(plain).stream().map(RunSpec::runId).toList());
    assertThat(GridExpander.expand(plain)).allSatisfy(r -> assertThat(r.canonical())
        .doesNotContain("layers="));

    SweepConfig axis = ConfigLoader.load(demo, List.of("model.family=transformer",
        "sweep.axes.model.layers=1,2", "sweep.seeds=0"));
    List<RunSpec> runs = GridExpander.expand(axis);
    assertThat(runs).filteredOn(r -> TransformerFamily.layers(r.model()) == 2).hasSize(24)
        .allSatisfy(r -> assertThat(r.canonical()).contains(";dmlp=512;layers=2"));
    assertThat(runs).filteredOn(r -> TransformerFamily.layers(r.model()) == 1).extracting(RunSpec::runId)
        .containsExactlyInAnyOrderElementsOf(GridExpander.expand(ConfigLoader.load(demo,
            List.of("model.family=transformer", "sweep.seeds=0"))).stream()
            .map(RunSpec::runId).toList());
    assertThat(Settings.parse(runs.stream().filter(r -> TransformerFamily.layers(r.model()) == 2).findFirst()
        .orElseThrow().canonical())).containsEntry("model.layers", "2");
    assertThat(Settings.parse(runs.get(0).canonical())).containsKey("model.layers");
    SweepConfig two = ConfigLoader.load(demo, List.of("model.family=transformer",
        "model.layers=2"));
    Provenance p = new Provenance("17", "4.0.1", "1.0.0-M2.1", "h",
        Instant.parse("2026-01-02T03:04:05Z"), Provenance.UNKNOWN);
    assertThat(ConfigLoader.parse(ConfigRenderer.render(two, p), "sweep.conf", List.of()))
        .isEqualTo(two);
  }

  @Test
  void bothFamiliesCanShareAnAxisAndTheMlpKeepsItsIds() {
    Path demo = Path.of("..", "conf", "demo.conf");
    SweepConfig both = ConfigLoader.load(demo, List.of("sweep.axes.model.family=mlp,transformer",
        "sweep.seeds=0"));
    List<RunSpec> runs = GridExpander.expand(both);
    assertThat(runs).hasSize(48);
    assertThat(idOf(runs.stream().filter(r -> r.model().family().equals(MlpFamily.NAME)).toList(),
        23, 0.3, 0.6, 0)).isEqualTo("41703ab77838323d");
    assertThat(runs).filteredOn(r -> r.model().family().equals(TransformerFamily.NAME)).hasSize(24);
  }

  @Test
  void theTransformerLearnsNonCommutativeOperationsWhateverTheEncoding() {
    SweepConfig c = ConfigLoader.parse(BadConfigs.GRID, "t", List.of("model.family=transformer",
        "task.operation=sub"));
    assertThat(c.train().encoding()).isEqualTo(Encoding.SUM);
    assertThat(GridExpander.expand(c)).allSatisfy(r -> assertThat(r.canonical()).endsWith(";op=sub"));
  }

  @Test
  void aLossOtherThanCrossEntropyEntersTheCanonicalFormAndCrossEntropyDoesNot() {
    SweepConfig plain = ConfigLoader.parse(BadConfigs.GRID, "p", List.of());
    SweepConfig spelled = ConfigLoader.parse(BadConfigs.GRID, "c",
        List.of("train.loss=cross-entropy"));
    List<RunSpec> plainRuns = GridExpander.expand(plain);
    assertThat(GridExpander.expand(spelled)).extracting(RunSpec::runId)
        .as("cross-entropy spelled out keeps today's ids")
        .isEqualTo(plainRuns.stream().map(RunSpec::runId).toList());
    assertThat(spelled.gridHash()).isEqualTo(plain.gridHash());
    assertThat(plainRuns).allSatisfy(r -> assertThat(r.canonical()).doesNotContain("loss"));

    SweepConfig stablemax = ConfigLoader.parse(BadConfigs.GRID, "s",
        List.of("train.loss=stablemax"));
    List<RunSpec> runs = GridExpander.expand(stablemax);
    assertThat(runs).allSatisfy(r -> assertThat(r.canonical())
        .contains(";stopwin=1000;loss=stablemax"));
    assertThat(runs.get(0).canonical()).isEqualTo(plainRuns.get(0).canonical()
        .replace(";stopwin=1000", ";stopwin=1000;loss=stablemax"));
    assertThat(runs.get(0).runId()).isNotEqualTo(plainRuns.get(0).runId());
    assertThat(stablemax.gridHash()).isNotEqualTo(plain.gridHash());

    SweepConfig axis = ConfigLoader.parse(BadConfigs.GRID, "a",
        List.of("sweep.axes.train.loss=cross-entropy,stablemax,mse", "model.family=transformer"));
    assertThat(GridExpander.expand(axis)).hasSize(3 * plainRuns.size())
        .extracting(r -> r.train().loss()).containsOnly(LossFunction.values());
    assertThat(GridExpander.expand(axis)).extracting(RunSpec::canonical)
        .anySatisfy(k -> assertThat(k).contains(";loss=mse;family=transformer"))
        .anySatisfy(k -> assertThat(k).doesNotContain("loss=").contains(";family=transformer"));
  }

  @Test
  void optimizerSettingsEnterRunIdsOnlyWhereRead() {
    SweepConfig c = ConfigLoader.parse(BadConfigs.GRID, "o", List.of(
        "sweep.axes.train.optimizer=adamw,sgd", "train.momentum=0.9",
        "sweep.axes.train.grad-filter=none,grokfast-ema"));
    List<RunSpec> runs = GridExpander.expand(c);
    assertThat(runs).hasSize(2 * 4);
    SweepConfig plain = ConfigLoader.parse(BadConfigs.GRID, "p", List.of());
    List<String> plainIds = GridExpander.expand(plain).stream().map(RunSpec::runId).toList();
    assertThat(runs).filteredOn(r -> r.optimizer().optimizer() == OptimizerConfig.Kind.ADAMW
            && r.optimizer().gradFilter() == OptimizerConfig.Filter.NONE)
        .extracting(RunSpec::runId)
        .as("AdamW without a filter keeps today's ids: the momentum it does not read is left out")
        .containsExactlyInAnyOrderElementsOf(plainIds);
    assertThat(runs).extracting(RunSpec::canonical)
        .anySatisfy(k -> assertThat(k).contains(";opt=sgd;mom=0.9").doesNotContain("filter"))
        .anySatisfy(k -> assertThat(k).contains(";opt=sgd;mom=0.9;filter=grokfast-ema;"
            + "galpha=0.98;glambda=2.0"))
        .anySatisfy(k -> assertThat(k).doesNotContain("opt=").doesNotContain("mom=")
            .contains(";filter=grokfast-ema"));
  }
}
