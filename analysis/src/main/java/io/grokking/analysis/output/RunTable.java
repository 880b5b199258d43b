package io.grokking.analysis.output;

import io.grokking.analysis.milestones.LossMilestone;
import io.grokking.analysis.milestones.RunRecord;
import io.grokking.trainer.config.Setting;
import io.grokking.trainer.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of the per-run table, declared once for the Parquet and the CSV copy so the two
 * cannot drift. The first sixteen are the stable contract of {@code runs.csv}; later ones may grow.
 * {@link #COLUMNS} are in every table; {@link #fields(List)} appends, for a given set of runs, one
 * column per varied setting not already among them ({@link Setting#column()}: a number
 * when every value is one, else text), then {@code t_train_loss_L}, {@code t_test_loss_L} per loss
 * level L.
 */
public final class RunTable {
  private RunTable() {}

  /** One column: its name, its Spark type and how to read it from a record. */
  record Field(String name, DataType type, Function<RunRecord, Object> value) {}

  static final List<Field> FIELDS = List.of(
      new Field("run_id", DataTypes.StringType, RunRecord::runId),
      new Field("modulus", DataTypes.IntegerType, RunRecord::modulus),
      new Field("weight_decay", DataTypes.DoubleType, RunRecord::weightDecay),
      new Field("train_fraction", DataTypes.DoubleType, RunRecord::trainFraction),
      new Field("seed", DataTypes.LongType, RunRecord::seed),
      new Field("status", DataTypes.StringType, RunRecord::status),
      new Field("steps_run", DataTypes.IntegerType, RunRecord::stepsRun),
      new Field("t_train_90", DataTypes.IntegerType, RunRecord::tTrain90),
      new Field("t_test_90", DataTypes.IntegerType, RunRecord::tTest90),
      new Field("t_train_95", DataTypes.IntegerType, RunRecord::tTrain95),
      new Field("t_test_95", DataTypes.IntegerType, RunRecord::tTest95),
      new Field("t_train_99", DataTypes.IntegerType, RunRecord::tTrain99),
      new Field("t_test_99", DataTypes.IntegerType, RunRecord::tTest99),
      new Field("final_train_acc", DataTypes.DoubleType, RunRecord::finalTrainAcc),
      new Field("final_test_acc", DataTypes.DoubleType, RunRecord::finalTestAcc),
      new Field("phase", DataTypes.StringType, r -> r.phase().key()),
      new Field("t_train_phase", DataTypes.IntegerType, RunRecord::tTrainPhase),
      new Field("t_test_phase", DataTypes.IntegerType, RunRecord::tTestPhase),
      new Field("delay", DataTypes.IntegerType, RunRecord::delay),
      new Field("phase_threshold", DataTypes.DoubleType, RunRecord::phaseThreshold),
      new Field("phase_gap", DataTypes.LongType, RunRecord::phaseGap),
      new Field("last_step", DataTypes.IntegerType, RunRecord::lastStep),
      new Field("final_weight_norm", DataTypes.DoubleType, RunRecord::finalWeightNorm),
      new Field("lottery_ticket_hit_rate", DataTypes.DoubleType, RunRecord::lotteryTicketHitRate),
      new Field("lottery_ticket_chance", DataTypes.DoubleType, RunRecord::lotteryTicketChance),
      new Field("key_frequencies", DataTypes.StringType, RunRecord::keyFrequencies),
      new Field("majority_voting", DataTypes.StringType, RunRecord::majorityVoting),
      new Field("steps_budget", DataTypes.IntegerType, RunRecord::stepsBudget),
      new Field("delay_lower_bound", DataTypes.IntegerType, RunRecord::delayLowerBound),
      new Field("message", DataTypes.StringType, RunRecord::message),
      new Field("config", DataTypes.StringType, RunRecord::config),
      new Field("phase_rule", DataTypes.StringType, RunRecord::phaseRule),
      new Field("phase_ratio", DataTypes.DoubleType, RunRecord::phaseRatio));

  /** Column names in table order. */
  public static final List<String> COLUMNS = FIELDS.stream().map(Field::name).toList();

  /** The Spark schema of {@code DIR/runs} before partitioning. */
  public static final StructType SCHEMA = new StructType(FIELDS.stream()
      .map(f -> DataTypes.createStructField(f.name(), f.type(), true))
      .toArray(org.apache.spark.sql.types.StructField[]::new));

  /** The record's values in {@link #COLUMNS} order, nulls kept. */
  public static Object[] values(RunRecord run) {
    return values(FIELDS, run);
  }

  /** The columns of a table of {@code runs}: {@link #COLUMNS}, then those of {@link #fields}. */
  public static List<String> columns(List<RunRecord> runs) {
    return fields(runs).stream().map(Field::name).toList();
  }

  static StructType schema(List<Field> fields) {
    return new StructType(fields.stream()
        .map(f -> DataTypes.createStructField(f.name(), f.type(), true))
        .toArray(org.apache.spark.sql.types.StructField[]::new));
  }

  static Object[] values(List<Field> fields, RunRecord run) {
    return fields.stream().map(f -> f.value().apply(run)).toArray();
  }

  /** Every column of a table of {@code runs}, in order. */
  static List<Field> fields(List<RunRecord> runs) {
    List<Field> fields = new ArrayList<>(FIELDS);
    for (Setting setting : RunRecord.variedSettings(runs)) {
      if (!COLUMNS.contains(setting.column())) {
        fields.add(settingField(setting, runs));
      }
    }
    List<Double> levels = runs.isEmpty() ? List.of()
        : runs.get(0).lossMilestones().stream().map(LossMilestone::level).toList();
    for (int i = 0; i < levels.size(); i++) {
      int at = i;
      fields.add(new Field(LossMilestone.trainColumn(levels.get(i)), DataTypes.IntegerType,
          r -> milestone(r, at).tTrain()));
      fields.add(new Field(LossMilestone.testColumn(levels.get(i)), DataTypes.IntegerType,
          r -> milestone(r, at).tTest()));
    }
    return fields;
  }

  private static LossMilestone milestone(RunRecord run, int index) {
    return run.lossMilestones().get(index);
  }

  /** Whole numbers as longs, other numbers as doubles, anything else as text. */
  private static Field settingField(Setting setting, List<RunRecord> runs) {
    List<String> values = runs.stream().map(r -> r.setting(setting.key()))
        .filter(Objects::nonNull).toList();
    String key = setting.key();
    if (values.stream().allMatch(v -> parses(v, Long::parseLong))) {
      return new Field(setting.column(), DataTypes.LongType,
          r -> r.setting(key) == null ? null : Long.parseLong(r.setting(key).trim()));
    }
    if (values.stream().allMatch(v -> parses(v, Double::parseDouble))) {
      return new Field(setting.column(), DataTypes.DoubleType,
          r -> r.setting(key) == null ? null : Double.parseDouble(r.setting(key).trim()));
    }
    return new Field(setting.column(), DataTypes.StringType, r -> r.setting(key));
  }

  private static boolean parses(String text, Function<String, ?> parser) {
    try {
      parser.apply(text.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
