package io.grokking.sweep.reproduce;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.sweep.config.ConfigLoader;
import io.grokking.sweep.config.SweepConfig;
import io.grokking.sweep.grid.GridExpander;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.output.ParquetTable;
import io.grokking.trainer.run.RunExecutor;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first 2 400 steps of {@code conf/he2026-p23.conf}, He, Wang, Chen &amp; Yang 2026's grokking
 * run (p = 23, width 512, lr 1e-4, weight decay 2, fraction 0.75, seed 42). Their run fits the
 * training set (accuracy ≥ 0.95) at step ~1 744 and then sits on a test plateau near 0.74, below
 * 1 because the sum encoding answers (b, a) like (a, b) but has nothing else yet; it generalizes
 * at ~9 431. The full run is {@code ./grok sweep --config conf/he2026-p23.conf}.
 */
class He2026ReproductionTest {

  @Test
  void fitsNearTheirStepThenPlateausWhileNeuronsConcentrateOnOneFrequency(@TempDir Path dir)
      throws Exception {
    SweepConfig config = ConfigLoader.load(Path.of("../conf/he2026-p23.conf"),
        List.of("train.steps=2400", "train.eval-every=100"));
    List<RunSpec> runs = GridExpander.expand(config);
    assertThat(runs).hasSize(1);
    RunSpec spec = runs.get(0);
    assertThat(spec.modulus()).isEqualTo(23);
    assertThat(spec.seed()).isEqualTo(42);

    RunExecutor.execute(spec, dir.toString(), "test", new Configuration());

    List<Group> rows = read(dir.resolve("metrics/modulus=23/" + spec.runId() + ".parquet"));
    int tTrain95 = rows.stream().filter(r -> r.getDouble("train_acc", 0) >= 0.95)
        .mapToInt(r -> r.getInteger("step", 0)).min().orElse(-1);
    assertThat(tTrain95).as("t_train_95 within ±50%% of He et al.'s 1 744").isBetween(872, 2616);

    List<Group> evals = rows.stream().filter(r -> r.getFieldRepetitionCount("test_acc") == 1)
        .toList();
    Group first = evals.get(0);
    Group last = evals.get(evals.size() - 1);
    assertThat(last.getDouble("test_acc", 0)).as("test plateau after fitting").isBetween(0.6, 0.8);
    // IPR starts at its random value 2/(K+1) = 1/6 for K = 11 and rises as neurons specialise.
    assertThat(first.getDouble("ipr", 0)).isBetween(0.14, 0.2);
    assertThat(last.getDouble("ipr", 0)).isGreaterThan(first.getDouble("ipr", 0) + 0.2);
    assertThat(last.getDouble("phase_misalignment", 0))
        .isLessThan(first.getDouble("phase_misalignment", 0));
  }

  private static List<Group> read(Path file) throws Exception {
    return ParquetTable.readAll(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration());
  }
}
