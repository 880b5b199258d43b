package io.grokking.analysis.milestones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.analysis.testing.LocalSpark;
import io.grokking.analysis.testing.StandardSweep;
import io.grokking.analysis.testing.SyntheticRun;
import io.grokking.analysis.testing.SyntheticSweep;
import io.grokking.trainer.output.Layout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MilestoneJobTest {
  @TempDir
  static Path dir;
  private static SparkSession spark;
  private static SyntheticSweep sweep;
  private static Map<String, RunRecord> runs;

  @BeforeAll
  static void analyse() {
    spark = LocalSpark.get();
    sweep = StandardSweep.write(dir);
    runs = RunClassifier.classify(spark, sweep.layout(), PhaseRule.defaults()).stream()
        .collect(Collectors.toMap(RunRecord::runId, Function.identity()));
  }

  @Test
  void everyCommittedRunIsThereWithItsPartitionModulus() {
    assertThat(runs).hasSize(sweep.runs().size());
    assertThat(runs.get("grok").modulus()).isEqualTo(7);
    assertThat(runs.get("p11").modulus()).isEqualTo(11);
    assertThat(runs.get("grok").seed()).isEqualTo(1);
    assertThat(runs.get("grok3").seed()).isEqualTo(3);
    assertThat(runs.get("comp").trainFraction()).isEqualTo(0.7);
    assertThat(runs.get("grok").stepsRun()).isEqualTo(StandardSweep.LAST + 1);
    assertThat(runs.get("grok").lotteryTicketHitRate()).isEqualTo(0.25);
    assertThat(runs.get("grok").lotteryTicketChance()).isEqualTo(0.125);
    assertThat(runs.get("grok").config()).startsWith("task=modular-addition;p=7;");
  }

  @Test
  void milestonesAreTheFirstStepsAtEachLevel() {
    RunRecord grok = runs.get("grok");
    assertThat(List.of(grok.tTrain90(), grok.tTrain95(), grok.tTrain99()))
        .containsExactly(500, 500, StandardSweep.LAST);
    assertThat(grok.tTest90()).isEqualTo(2000);
    assertThat(grok.tTest95()).isEqualTo(2000);
    assertThat(grok.delay()).isEqualTo(1500);

    RunRecord comp = runs.get("comp");
    assertThat(List.of(comp.tTrain90(), comp.tTrain95(), comp.tTrain99()))
        .containsExactly(900, 950, 990);
  }

  @Test
  void milestonesNeverReachedAreNull() {
    assertThat(runs.get("grok").tTest99()).isNull();
    RunRecord memo = runs.get("memo");
    assertThat(memo.tTrain90()).isEqualTo(200);
    assertThat(new Integer[] {memo.tTest90(), memo.tTest95(), memo.tTest99()}).containsOnlyNulls();
    assertThat(memo.delay()).isNull();
    RunRecord div = runs.get("div");
    assertThat(new Integer[] {div.tTrain90(), div.tTest90(), div.tTrainPhase(), div.tTestPhase()})
        .containsOnlyNulls();
  }

  @Test
  void testMilestonesOnlyCountEvaluationSteps() {
    // test accuracy jumps at 1050; the next evaluation is at 1100 and the log rows between
    // carry no test accuracy
    RunRecord comp = runs.get("comp");
    assertThat(comp.tTest90()).isEqualTo(1100);
    assertThat(comp.tTest99()).isEqualTo(1100);
    assertThat(comp.delay()).isEqualTo(200);
    for (String id : List.of("grok", "comp", "memo", "testfirst", "p11")) {
      SyntheticRun run = sweep.run(id);
      assertThat(runs.get(id).tTest90()).as(id).isEqualTo(run.firstStep(false, 0.9));
      assertThat(runs.get(id).tTrain90()).as(id).isEqualTo(run.firstStep(true, 0.9));
    }
  }

  @Test
  void finalValuesComeFromTheLastStepThatRecordedThem() {
    RunRecord grok = runs.get("grok");
    assertThat(grok.lastStep()).isEqualTo(StandardSweep.LAST);
    assertThat(grok.finalTrainAcc()).isEqualTo(1.0);
    // last evaluation at 2900, not the last logged step 2990
    assertThat(grok.finalTestAcc()).isEqualTo(0.97);
    assertThat(grok.finalWeightNorm()).isEqualTo(10 + 2900 / 100.0);
    assertThat(runs.get("memo").finalTestAcc()).isEqualTo(0.3);
    assertThat(runs.get("div").lastStep()).isEqualTo(400);
  }

  @Test
  void phasesFollowTheRule() {
    Map<String, Phase> phases = runs.values().stream()
        .collect(Collectors.toMap(RunRecord::runId, RunRecord::phase));
    assertThat(phases).containsExactlyInAnyOrderEntriesOf(Map.of(
        "grok", Phase.GROKKING, "grok2", Phase.COMPREHENSION, "grok3", Phase.GROKKING,
        "comp", Phase.COMPREHENSION, "memo", Phase.MEMORIZATION, "div", Phase.CONFUSION,
        "fail", Phase.FAILED, "testfirst", Phase.COMPREHENSION, "p11", Phase.GROKKING));
    assertThat(runs.get("grok").phaseThreshold()).isEqualTo(0.9);
    assertThat(runs.get("grok").phaseGap()).isEqualTo(1000);
  }

  @Test
  void failedRunsKeepTheirResultRowWithoutMilestones() {
    RunRecord fail = runs.get("fail");
    assertThat(fail.status()).isEqualTo("failed");
    assertThat(fail.message()).isEqualTo("OutOfMemoryError: \"heap\", step 3");
    assertThat(new Object[] {fail.tTrain90(), fail.tTest90(), fail.lastStep(),
        fail.finalTrainAcc(), fail.finalTestAcc(), fail.finalWeightNorm()}).containsOnlyNulls();
  }

  @Test
  void phaseMilestonesFollowTheThreshold() {
    Map<String, RunRecord> strict = RunClassifier
        .classify(spark, sweep.layout(), new PhaseRule(0.95, 1000)).stream()
        .collect(Collectors.toMap(RunRecord::runId, Function.identity()));
    RunRecord comp = strict.get("comp");
    assertThat(comp.tTrainPhase()).isEqualTo(comp.tTrain95()).isEqualTo(950);
    assertThat(comp.tTestPhase()).isEqualTo(1100);
    // testfirst reaches 0.92 only: nothing at 0.95
    assertThat(strict.get("testfirst").phase()).isEqualTo(Phase.CONFUSION);
  }

  @Test
  void milestonesTableHasOneRowPerRunWithMetrics() {
    List<Row> rows = MilestoneJob.milestones(spark, sweep.layout(), 0.9).collectAsList();
    assertThat(rows).hasSize(sweep.runs().size() - 1);
  }

  @Test
  void missingMetricsTableMeansEveryRunFailed(@TempDir Path empty) {
    SyntheticSweep onlyFailures = new SyntheticSweep(empty)
        .add(SyntheticRun.failed("f1", 13, 0.0, 0.3, 1, "boom"));
    List<RunRecord> classified =
        RunClassifier.classify(spark, onlyFailures.layout(), PhaseRule.defaults());
    assertThat(classified).singleElement()
        .extracting(RunRecord::phase).isEqualTo(Phase.FAILED);
  }

  @Test
  void missingResultsTableIsRejectedWithItsPath(@TempDir Path empty) {
    Layout layout = new Layout(empty.toUri().toString());
    assertThatThrownBy(() -> RunClassifier.classify(spark, layout, PhaseRule.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(layout.table(Layout.RESULTS).toString());
  }
}
