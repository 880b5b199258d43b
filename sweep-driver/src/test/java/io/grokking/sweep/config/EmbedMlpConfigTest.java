package io.grokking.sweep.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.sweep.grid.GridExpander;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.model.embedmlp.EmbedMlpFamily;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The embed-mlp family's own setting, model.embed-dim, through the loader alone: read from a
 * file, an axis, written to sweep.conf and read back, and part of the run id.
 */
class EmbedMlpConfigTest {
  private static final Provenance PROVENANCE = new Provenance("17", "4.0.1", "1.0.0-M2.1", "h",
      Instant.parse("2026-01-02T03:04:05Z"), Provenance.UNKNOWN);

  @Test
  void embedDimIsReadRenderedAndReadBack() {
    SweepConfig c = ConfigLoader.parse(BadConfigs.GRID + "model { family = embed-mlp,"
        + " embed-dim = 64 }\ntask.operation = sub\n",
        "a", List.of());
    assertThat(c.model().family()).isEqualTo(EmbedMlpFamily.NAME);
    assertThat(c.model().option(EmbedMlpFamily.EMBED_DIM)).isEqualTo(64);
    String rendered = ConfigRenderer.render(c, PROVENANCE);
    assertThat(rendered).contains("embed-dim = 64");
    assertThat(ConfigLoader.parse(rendered, "sweep.conf", List.of())).isEqualTo(c);
    assertThat(ConfigLoader.recordedGridHash(rendered, "sweep.conf")).contains(c.gridHash());
  }

  @Test
  void embedDimEntersTheRunIdAndCanBeAnAxis() {
    SweepConfig c = ConfigLoader.parse(BadConfigs.GRID, "a",
        List.of("model.family=embed-mlp", "sweep.axes.model.embed-dim=[64, 256]"));
    List<RunSpec> runs = GridExpander.expand(c);
    assertThat(runs).hasSize(4);
    assertThat(runs).extracting(RunSpec::canonical)
        .anyMatch(s -> s.endsWith(";family=embed-mlp;embed=64"))
        .anyMatch(s -> s.endsWith(";family=embed-mlp;embed=256"))
        .allMatch(s -> s.contains(";width=" + c.train().width() + ";lr="));
    assertThat(runs.stream().map(RunSpec::runId).distinct()).hasSize(4);
    String rendered = ConfigRenderer.render(c, PROVENANCE);
    assertThat(ConfigLoader.parse(rendered, "sweep.conf", List.of())).isEqualTo(c);
  }
}
