package io.grokking.analysis.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.analysis.milestones.RunClassifier;
import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.analysis.testing.LocalSpark;
import io.grokking.analysis.testing.StandardSweep;
import io.grokking.analysis.testing.SyntheticSweep;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What reaches the driver for plotting, over the standard sweep's known curves. */
class SeriesJobsTest {
  @TempDir
  static Path dir;
  private static SparkSession spark;
  private static SyntheticSweep sweep;
  private static Map<String, RunCurves> curves;
  private static List<RunRecord> runs;

  @BeforeAll
  static void collect() {
    spark = LocalSpark.get();
    sweep = StandardSweep.write(dir);
    curves = CurveJob.collect(spark, sweep.layout());
    runs = RunClassifier.classify(spark, sweep.layout(), PhaseRule.defaults());
  }

  @Test
  void everyRunWithMetricsHasCurvesThinnedToAFewPointsPerLogBin() {
    assertThat(curves.keySet()).hasSize(8).doesNotContain("fail");
    Series train = curves.get("grok").trainAcc();
    // 300 logged steps from 0 to 2990 every 10, at most two per bin
    assertThat(train.size()).isLessThan(2 * (CurveJob.BINS_PER_DECADE * 4)).isLessThan(300);
    assertThat(train.step(0)).isZero();
    assertThat(train.lastStep()).isEqualTo(StandardSweep.LAST);
    // every step early on is its own bin
    assertThat(train.steps()).startsWith(0, 10, 20, 30);
  }

  @Test
  void thinningKeepsTheJumpOfEachCurveWithinOneBin() {
    Series test = curves.get("grok").testAcc();
    int before = -1;
    int after = -1;
    for (int i = 0; i < test.size(); i++) {
      if (test.value(i) < 0.5) {
        before = test.step(i);
      } else if (after < 0) {
        after = test.step(i);
      }
    }
    // the test jump is at 2000, evaluated every 100; a bin near 2000 is 2000·(10^(1/48) − 1) ≈ 97
    // steps wide, and its first and last rows are both kept
    assertThat(after).isEqualTo(2000);
    assertThat(before).isBetween(1800, 1900);
    assertThat(test.lastStep()).isEqualTo(StandardSweep.LAST - StandardSweep.LAST % 100);
  }

  @Test
  void evaluationOnlySeriesComeFromEvaluationSteps() {
    RunCurves grok = curves.get("grok");
    assertThat(java.util.Arrays.stream(grok.weightNorm().steps())).allMatch(s -> s % 100 == 0);
    // weight norm 10 + step / 100 on evaluation steps
    for (int i = 0; i < grok.weightNorm().size(); i++) {
      assertThat(grok.weightNorm().value(i)).isEqualTo(10 + grok.weightNorm().step(i) / 100.0);
    }
    // the synthetic metrics carry no Fourier measures
    assertThat(grok.ipr().isEmpty()).isTrue();
  }

  @Test
  void spectraOfSelectedRunsAreSharesOfEachStepsEnergy() {
    List<RunRecord> selected = runs.stream()
        .filter(r -> List.of("grok", "p11", "fail").contains(r.runId())).toList();
    Map<String, RunSpectrum> spectra = MechanismJob.spectra(spark, sweep.layout(), selected);
    assertThat(spectra.keySet()).containsExactlyInAnyOrder("grok", "p11");
    RunSpectrum grok = spectra.get("grok");
    assertThat(grok.maxFrequency()).isEqualTo(3);
    assertThat(spectra.get("p11").maxFrequency()).isEqualTo(5);
    int[] steps = grok.steps();
    assertThat(steps).hasSize(30).startsWith(0, 100);
    for (int i = 0; i < steps.length; i++) {
      double sum = 0;
      for (int k = 0; k <= 3; k++) {
        sum += grok.share(i, k);
      }
      assertThat(sum).isCloseTo(1, within(1e-12));
      // energies 1, 2 + step/100, 3, 4 over a total of 10 + step/100
      assertThat(grok.share(i, 1)).isCloseTo((2 + steps[i] / 100.0) / (10 + steps[i] / 100.0),
          within(1e-12));
    }
  }

  @Test
  void neuronFrequenciesAreCountedAtInitAndAtTheEnd() {
    List<RunRecord> selected = runs.stream()
        .filter(r -> List.of("grok", "fail").contains(r.runId())).toList();
    Map<String, NeuronFrequencies> neurons = MechanismJob.neurons(spark, sweep.layout(), selected);
    assertThat(neurons.keySet()).containsExactly("grok");
    NeuronFrequencies grok = neurons.get("grok");
    // p = 7: K = 3; 16 neurons at frequencies 1 + n % 3; at the end even ones move to 1
    assertThat(grok.initial()).containsExactly(0, 6, 5, 5);
    assertThat(grok.last()).containsExactly(0, 11, 3, 2);
    assertThat(grok.maxFrequency()).isEqualTo(3);
  }

  /** Only runs with a representations file (group runs) have shares; irreps in file order. */
  @Test
  void representationsOfSelectedRunsAreReadByStepInTheirIrrepsOrder() throws Exception {
    io.grokking.trainer.output.Layout layout =
        new io.grokking.trainer.output.Layout(dir.resolve("with-representations").toString());
    RunRecord grok = runs.stream().filter(r -> r.runId().equals("grok")).findFirst()
        .orElseThrow();
    RunRecord p11 = runs.stream().filter(r -> r.runId().equals("p11")).findFirst()
        .orElseThrow();
    org.apache.hadoop.fs.Path file = layout.runFile(io.grokking.trainer.output.Layout
        .REPRESENTATIONS, grok.modulus(), grok.runId());
    org.apache.parquet.example.data.simple.SimpleGroupFactory rows =
        new org.apache.parquet.example.data.simple.SimpleGroupFactory(
            io.grokking.trainer.metrics.Schemas.REPRESENTATIONS);
    try (io.grokking.trainer.output.ParquetTable table = new io.grokking.trainer.output
        .ParquetTable(file, io.grokking.trainer.metrics.Schemas.REPRESENTATIONS,
        new org.apache.hadoop.conf.Configuration())) {
      // step 10 before step 0: the reader orders by step, not by row
      String[] irreps = {"(3)", "(2,1)", "(1,1,1)"};
      double[][] shares = {{0.1, 0.8, 0.1}, {0.2, 0.6, 0.2}};
      int[] steps = {10, 0};
      for (int i = 0; i < 2; i++) {
        for (int r = 0; r < 3; r++) {
          var g = rows.newGroup().append("run_id", grok.runId()).append("step", steps[i])
              .append("irrep", irreps[r]).append("dimension", r == 1 ? 2 : 1)
              .append("key", r == 1 && steps[i] == 10);
          if (!(r == 2 && steps[i] == 0)) {
            g.append("share_unembed", shares[i][r]);
          }
          table.write(g);
        }
      }
    }

    Map<String, RunRepresentations> read =
        MechanismJob.representations(spark, layout, List.of(grok, p11));

    assertThat(read.keySet()).containsExactly("grok");
    RunRepresentations reps = read.get("grok");
    assertThat(reps.steps()).containsExactly(0, 10);
    assertThat(reps.irreps()).containsExactly("(3)", "(2,1)", "(1,1,1)");
    assertThat(reps.shareUnembed(0, 1)).isEqualTo(0.6);
    assertThat(reps.shareUnembed(1, 1)).isEqualTo(0.8);
    assertThat(reps.shareUnembed(0, 2)).isNaN();
    assertThat(reps.keyAtEnd(1)).isTrue();
    assertThat(reps.keyAtEnd(0)).isFalse();
    assertThat(MechanismJob.representations(spark, sweep.layout(), runs)).isEmpty();
  }
}
