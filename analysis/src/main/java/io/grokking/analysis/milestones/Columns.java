package io.grokking.analysis.milestones;

import io.grokking.trainer.metrics.Schemas;
import io.grokking.trainer.output.Layout;
import java.util.List;
import java.util.Locale;

/**
 * Names of the columns this job reads and derives. The input names are those of {@link Schemas};
 * {@link #checkAgainstSchemas()} fails fast if the trainer renames one.
 */
final class Columns {
  private Columns() {}

  static final String RUN_ID = "run_id";
  static final String MODULUS = Layout.PARTITION;

  // metrics
  static final String STEP = "step";
  static final String TRAIN_ACC = "train_acc";
  static final String TEST_ACC = "test_acc";
  static final String WEIGHT_NORM = "weight_norm";
  static final String TRAIN_LOSS = "train_loss";
  static final String TEST_LOSS = "test_loss";

  // results
  static final String WEIGHT_DECAY = "weight_decay";
  static final String TRAIN_FRACTION = "train_fraction";
  static final String SEED = "seed";
  static final String STATUS = "status";
  static final String STEPS_RUN = "steps_run";
  static final String STEPS_BUDGET = "steps_budget";
  static final String N_TEST = "n_test";
  static final String MESSAGE = "message";
  static final String CONFIG = "config";
  static final String LOTTERY_HIT_RATE = "lottery_ticket_hit_rate";
  static final String LOTTERY_CHANCE = "lottery_ticket_chance";
  static final String KEY_FREQUENCIES = "key_frequencies";
  static final String MAJORITY_VOTING = "majority_voting";

  // derived
  static final String T_TRAIN_PHASE = "t_train_phase";
  static final String T_TEST_PHASE = "t_test_phase";
  static final String LAST_STEP = "last_step";
  static final String FINAL_TRAIN_ACC = "final_train_acc";
  static final String FINAL_TEST_ACC = "final_test_acc";
  static final String FINAL_WEIGHT_NORM = "final_weight_norm";

  /** Fixed milestone levels reported for every run, whatever the phase rule's threshold. */
  static final List<Integer> LEVELS_PERCENT = List.of(90, 95, 99);

  static String tTrain(int percent) {
    return String.format(Locale.ROOT, "t_train_%d", percent);
  }

  static String tTest(int percent) {
    return String.format(Locale.ROOT, "t_test_%d", percent);
  }

  static void checkAgainstSchemas() {
    check(Schemas.METRIC_COLUMNS, "metrics", RUN_ID, STEP, TRAIN_ACC, TEST_ACC, WEIGHT_NORM,
        TRAIN_LOSS, TEST_LOSS);
    check(Schemas.RESULT_COLUMNS, "results", RUN_ID, WEIGHT_DECAY, TRAIN_FRACTION, SEED, STATUS,
        STEPS_RUN, STEPS_BUDGET, N_TEST, MESSAGE, CONFIG, LOTTERY_HIT_RATE, LOTTERY_CHANCE,
        KEY_FREQUENCIES, MAJORITY_VOTING);
  }

  private static void check(List<String> schema, String table, String... names) {
    for (String name : names) {
      if (!schema.contains(name)) {
        throw new IllegalStateException(
            "Column " + name + " is not in the " + table + " schema " + schema);
      }
    }
  }
}
