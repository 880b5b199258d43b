package io.grokking.sweep.refine;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.sweep.config.ConfigLoader;
import io.grokking.sweep.config.SweepConfig;
import io.grokking.sweep.grid.GridExpander;
import io.grokking.trainer.config.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rounds of a refining sweep over a synthetic phase map, no training: the coarse level is
 * the configured grid, points become runs of the configuration with their values, and the run
 * budget is honoured and shared between panels.
 */
class RefiningSweepTest {
  private static final String GRID = "sweep { moduli = [7], weight-decays = [0.0, 1.0, 2.0],"
      + " train-fractions = [0.2, 0.5, 0.8], seeds = [0, 1],"
      + " refine { rounds = 2 } }\ntrain { steps = 10, width = 8 }\n";

  @TempDir Path dir;

  private final Map<String, RunSpec> specs = new HashMap<>();

  private RefiningSweep sweep(String text, List<String> sets) throws IOException {
    Path file = Files.writeString(dir.resolve("refine.conf"), text);
    SweepConfig config = ConfigLoader.load(file, sets);
    return new RefiningSweep(config, fixed -> {
      List<RunSpec> runs = GridExpander.expand(ConfigLoader.point(file, sets, fixed));
      runs.forEach(r -> specs.put(r.runId(), r));
      return runs;
    });
  }

  /** Grokking where weight decay + fraction > 1.3, memorization elsewhere; seeds agree. */
  private Function<List<String>, Optional<Quadtree.Corner>> phases() {
    return ids -> {
      RunSpec s = specs.get(ids.get(0));
      return Optional.of(new Quadtree.Corner(s.weightDecay() + s.trainFraction() > 1.3
          ? "grokking" : "memorization", false));
    };
  }

  @Test
  void theCoarseLevelIsTheConfiguredGrid() throws IOException {
    RefiningSweep refining = sweep(GRID, List.of());
    Set<String> grid = new HashSet<>();
    GridExpander.expand(ConfigLoader.load(dir.resolve("refine.conf"), List.of()))
        .forEach(s -> grid.add(s.runId()));
    Set<String> coarse = new HashSet<>();
    refining.coarse().forEach(s -> coarse.add(s.runId()));
    assertThat(coarse).isEqualTo(grid).hasSize(18);
    assertThat(refining.uniformRuns()).as("9 × 9 points, 2 seeds").isEqualTo(162);
  }

  @Test
  void newPointsTakeTheirMidpointsWithEverySeed() throws IOException {
    RefiningSweep refining = sweep(GRID, List.of());
    RefiningSweep.Round first = refining.next(phases());
    assertThat(first.number()).isEqualTo(1);
    assertThat(first.points()).isPositive();
    assertThat(first.specs()).hasSize(2 * first.points());
    assertThat(first.specs()).allMatch(s -> List.of(0.0, 0.5, 1.0, 1.5, 2.0)
        .contains(s.weightDecay()) && List.of(0.2, 0.35, 0.5, 0.65, 0.8)
        .contains(s.trainFraction()));
    assertThat(first.specs()).anyMatch(s -> s.weightDecay() == 0.5 || s.trainFraction() == 0.35
        || s.trainFraction() == 0.65 || s.weightDecay() == 1.5);
    RefiningSweep.Round second = refining.next(phases());
    assertThat(second.specs()).allMatch(s -> s.weightDecay() * 4 == Math.rint(s.weightDecay() * 4));
    assertThat(refining.done()).isTrue();
    // replayed from the same phases, the same runs
    specs.clear();
    RefiningSweep again = sweep(GRID, List.of());
    assertThat(again.next(phases()).specs()).isEqualTo(first.specs());
    assertThat(again.next(phases()).specs()).isEqualTo(second.specs());
  }

  @Test
  void maxRunsIsHonouredAndSharedBetweenPanels() throws IOException {
    RefiningSweep refining = sweep(GRID, List.of("sweep.moduli=7,11", "sweep.seeds=0",
        "sweep.refine.max-runs=5"));
    assertThat(refining.panels()).isEqualTo(2);
    RefiningSweep.Round first = refining.next(phases());
    RefiningSweep.Round second = refining.next(phases());
    assertThat(first.specs().size() + second.specs().size()).isEqualTo(5);
    assertThat(first.dropped() + second.dropped()).isPositive();
    assertThat(refining.budgetLeft()).isZero();
    long p7 = first.specs().stream().filter(s -> s.modulus() == 7).count();
    long p11 = first.specs().stream().filter(s -> s.modulus() == 11).count();
    assertThat(Math.abs(p7 - p11)).as("taken in turn, panel after panel").isLessThanOrEqualTo(1);
  }
}
