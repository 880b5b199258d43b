package io.grokking.analysis.milestones;

import static io.grokking.analysis.milestones.Columns.*;

import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.output.Layout;
import io.grokking.trainer.config.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    return classify(spark, layout, rule, List.of());
  }

  /** As {@link #classify(SparkSession, Layout, PhaseRule)}, with loss milestones at {@code
   * lossLevels}. */
  public static List<RunRecord> classify(SparkSession spark, Layout layout, PhaseRule rule,
      List<Double> lossLevels) {
    return classify(spark, layout, rule, lossLevels, java.util.Set.of());
  }

  /** As above, leaving out the runs {@code leftOut} names (damaged ones). */
  public static List<RunRecord> classify(SparkSession spark, Layout layout, PhaseRule rule,
      List<Double> lossLevels, java.util.Set<String> leftOut) {
    return MilestoneJob.runs(spark, layout, rule.threshold(), lossLevels, leftOut)
        .collectAsList().stream()
        .map(row -> toRecord(row, rule, lossLevels))
        .toList();
  }

  static RunRecord toRecord(Row row, PhaseRule rule, List<Double> lossLevels) {
    String runId = row.getAs(RUN_ID);
    String status = row.getAs(STATUS);
    Integer tTrain = row.getAs(T_TRAIN_PHASE);
    Integer tTest = row.getAs(T_TEST_PHASE);
    Integer lastStep = row.getAs(LAST_STEP);
    // Results written without the column (tests' synthetic runs) count as having test pairs.
    Integer nTest = row.getAs(N_TEST);
    Phase phase = rule.classify(parseStatus(runId, status), tTrain, tTest,
        nTest == null || nTest > 0);
    // No test set, so nothing was censored: the budget did not run out before a test milestone.
    Integer lowerBound = phase == Phase.NOT_APPLICABLE ? null
        : PhaseRule.delayLowerBound(tTrain, tTest, lastStep);
    return new RunRecord(runId, row.<Integer>getAs(MODULUS), row.<Double>getAs(WEIGHT_DECAY),
        row.<Double>getAs(TRAIN_FRACTION), row.<Long>getAs(SEED), status,
        row.<Integer>getAs(STEPS_RUN), row.getAs(STEPS_BUDGET),
        row.getAs(tTrain(90)), row.getAs(tTest(90)),
        row.getAs(tTrain(95)), row.getAs(tTest(95)),
        row.getAs(tTrain(99)), row.getAs(tTest(99)),
        row.getAs(FINAL_TRAIN_ACC), row.getAs(FINAL_TEST_ACC),
        phase, tTrain, tTest, PhaseRule.delay(tTrain, tTest),
        lowerBound, rule.threshold(), rule.gapOrNull(),
        lastStep, row.getAs(FINAL_WEIGHT_NORM),
        row.getAs(LOTTERY_HIT_RATE), row.getAs(LOTTERY_CHANCE),
        row.getAs(KEY_FREQUENCIES), row.getAs(MAJORITY_VOTING),
        row.getAs(MESSAGE), row.getAs(CONFIG), rule.kind().key(), rule.ratioOrNull(),
        settings(row), lossLevels.stream().map(level -> new LossMilestone(level,
            row.<Integer>getAs(LossMilestone.trainColumn(level)),
            row.<Integer>getAs(LossMilestone.testColumn(level)))).toList());
  }

  /**
   * The run's settings from its canonical configuration; the grid coordinates of the results row
   * fill in any the string lacks, so every run has at least those.
   */
  private static Map<String, String> settings(Row row) {
    String config = row.getAs(CONFIG);
    Map<String, String> settings = new LinkedHashMap<>(
        config == null ? Map.of() : Settings.parse(config));
    settings.putIfAbsent(Settings.MODULI, String.valueOf(row.<Integer>getAs(MODULUS)));
    settings.putIfAbsent(Settings.WEIGHT_DECAYS, String.valueOf(row.<Double>getAs(WEIGHT_DECAY)));
    settings.putIfAbsent(Settings.TRAIN_FRACTIONS,
        String.valueOf(row.<Double>getAs(TRAIN_FRACTION)));
    settings.putIfAbsent(Settings.SEEDS, String.valueOf(row.<Long>getAs(SEED)));
    return settings;
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
