package io.grokking.analysis.milestones;

import static io.grokking.analysis.milestones.Columns.*;

import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.output.Layout;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Collects the joined runs to the driver and classifies each with a {@link PhaseRule}. A sweep
 * has hundreds of runs, so the driver holds them easily and the rule stays plain Java.
 */
public final class RunClassifier {
  private RunClassifier() {}

  /** Every committed run of the sweep at {@code layout}, with milestones and phase. */
  public static List<RunRecord> classify(SparkSession spark, Layout layout, PhaseRule rule) {
    return MilestoneJob.runs(spark, layout, rule.threshold()).collectAsList().stream()
        .map(row -> toRecord(row, rule))
        .toList();
  }

  static RunRecord toRecord(Row row, PhaseRule rule) {
    String runId = row.getAs(RUN_ID);
    String status = row.getAs(STATUS);
    Integer tTrain = row.getAs(T_TRAIN_PHASE);
    Integer tTest = row.getAs(T_TEST_PHASE);
    Integer lastStep = row.getAs(LAST_STEP);
    Phase phase = rule.classify(parseStatus(runId, status), tTrain, tTest);
    return new RunRecord(runId, row.<Integer>getAs(MODULUS), row.<Double>getAs(WEIGHT_DECAY),
        row.<Double>getAs(TRAIN_FRACTION), row.<Long>getAs(SEED), status,
        row.<Integer>getAs(STEPS_RUN), row.getAs(STEPS_BUDGET),
        row.getAs(tTrain(90)), row.getAs(tTest(90)),
        row.getAs(tTrain(95)), row.getAs(tTest(95)),
        row.getAs(tTrain(99)), row.getAs(tTest(99)),
        row.getAs(FINAL_TRAIN_ACC), row.getAs(FINAL_TEST_ACC),
        phase, tTrain, tTest, PhaseRule.delay(tTrain, tTest),
        PhaseRule.delayLowerBound(tTrain, tTest, lastStep), rule.threshold(), rule.gap(),
        lastStep, row.getAs(FINAL_WEIGHT_NORM),
        row.getAs(LOTTERY_HIT_RATE), row.getAs(LOTTERY_CHANCE),
        row.getAs(KEY_FREQUENCIES), row.getAs(MAJORITY_VOTING),
        row.getAs(MESSAGE), row.getAs(CONFIG));
  }

  private static RunStatus parseStatus(String runId, String status) {
    for (RunStatus known : RunStatus.values()) {
      if (known.key().equalsIgnoreCase(status)) {
        return known;
      }
    }
    throw new IllegalStateException(String.format(Locale.ROOT,
        "Run %s in %s has unknown status %s", runId, Layout.RESULTS, status));
  }
}
