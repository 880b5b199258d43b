package io.grokking.sweep.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.sweep.grid.GridExpander;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.task.group.GroupComposition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The group task through the loader alone: task.name and task.group read from a file, groups as
 * an axis (each at its own order), written to sweep.conf and read back.
 */
class GroupConfigTest {
  private static final Provenance PROVENANCE = new Provenance("17", "4.0.1", "1.0.0-M2.1", "h",
      Instant.parse("2026-01-02T03:04:05Z"), Provenance.UNKNOWN);

  @Test
  void groupsAsAnAxisEachTakeTheirOrderAsTheirSize() {
    SweepConfig c = ConfigLoader.parse(BadConfigs.GROUP_GRID
        + "sweep.axes.task.group = [A5, D59, S5]\nsweep.seeds = [0, 1]\n", "a", List.of());
    List<RunSpec> runs = GridExpander.expand(c);
    assertThat(c.gridSize()).isEqualTo(6);
    assertThat(runs).hasSize(6);
    assertThat(runs).extracting(RunSpec::modulus).containsExactly(60, 60, 118, 118, 120, 120);
    assertThat(runs).extracting(r -> r.task().option(GroupComposition.GROUP))
        .containsExactly("A5", "A5", "D59", "D59", "S5", "S5");
    assertThat(runs).allMatch(r -> r.canonical().startsWith("task=group;p=" + r.modulus()));
    String rendered = ConfigRenderer.render(c, PROVENANCE);
    assertThat(rendered).contains("task {\n  name = group\n").contains("  group = \"S5\"\n")
        .contains("task.group = [\"A5\", \"D59\", \"S5\"]");
    assertThat(ConfigLoader.parse(rendered, "sweep.conf", List.of())).isEqualTo(c);
    assertThat(ConfigLoader.recordedGridHash(rendered, "sweep.conf")).contains(c.gridHash());
  }

  @Test
  void theModularAndTheGroupTaskCanShareASweep() {
    SweepConfig c = ConfigLoader.parse(BadConfigs.GRID + "task.group = S3\n"
        + "sweep.axes.task.name = [modular, group]\ntrain.encoding = concat\n", "a", List.of());
    List<RunSpec> runs = GridExpander.expand(c);
    // the moduli 7 and 11 for modular arithmetic, the order 6 for S3
    assertThat(runs).extracting(r -> r.task().name() + "@" + r.modulus())
        .containsExactly("modular@7", "modular@11", "group@6");
  }

  @Test
  void modularSweepsKeepTheirRunIds() {
    SweepConfig c = ConfigLoader.parse(BadConfigs.GRID, "a", List.of());
    assertThat(GridExpander.expand(c)).allMatch(r -> r.canonical().startsWith(
        "task=modular-addition;p=" + r.modulus() + ";wd=")
        && !r.canonical().contains("group"));
  }
}
