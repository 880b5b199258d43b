package io.grokking.sweep.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.ConfigException;
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
    assertThat(c.moduli()).isEqualTo(SweepConfig.DEFAULT_MODULI);
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
        + " epsilon = 1e-8, activation = quad, dtype = float64, stop-after-grok = false }\n"
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
}
