package io.grokking.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.config.Setting;
import io.grokking.trainer.config.Settings;
import java.util.List;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;

class SchemasTest {
  /** The results columns before every setting had one; a reader of old files relies on them. */
  private static final List<String> ORIGINAL_RESULT_COLUMNS = List.of("run_id", "weight_decay",
      "train_fraction", "seed", "width", "learning_rate", "steps_budget", "activation", "encoding",
      "dtype", "n_train", "n_test", "status", "steps_run", "message", "train_seconds",
      "eval_seconds", "total_seconds", "started_at_ms", "host", "config",
      "lottery_ticket_hit_rate", "lottery_ticket_chance", "key_frequencies", "majority_voting");

  @Test
  void everySettingButThePartitionHasAResultColumn() {
    for (Setting s : Settings.ALL) {
      if (!s.column().equals("modulus")) {
        assertThat(Schemas.RESULT_COLUMNS).as(s.key()).contains(s.column());
      }
    }
  }

  @Test
  void newResultColumnsAreOptionalAndAppended() {
    List<String> all = Schemas.RESULT_COLUMNS;
    assertThat(all.subList(0, ORIGINAL_RESULT_COLUMNS.size()))
        .containsExactlyElementsOf(ORIGINAL_RESULT_COLUMNS);
    assertThat(all.subList(ORIGINAL_RESULT_COLUMNS.size(), all.size())).containsExactly(
        "eval_every", "warmup_steps", "beta1", "beta2", "epsilon", "init_scale",
        "stop_after_grok", "stop_threshold", "stop_window", "operation", "label_noise", "family",
        "d_model", "heads", "d_head", "d_mlp", "optimizer", "momentum", "weight_decay_toward",
        "grad_filter", "grokfast_alpha", "grokfast_lambda", "grokfast_window",
        "lottery_ticket_product_hit_rate", "depth", "bias", "init_std", "loss", "stop_when",
        "settle_threshold", "settle_window", "layers", "embed_dim", "task", "group");
    for (String column : all.subList(ORIGINAL_RESULT_COLUMNS.size(), all.size())) {
      assertThat(Schemas.RESULT.getType(column).isRepetition(Type.Repetition.OPTIONAL))
          .as(column).isTrue();
    }
  }

  @Test
  void theMlpsOwnSettingsAreOptionalSinceATransformerRunHasNone() {
    for (String column : List.of("width", "activation", "encoding", "init_scale")) {
      assertThat(Schemas.RESULT.getType(column).isRepetition(Type.Repetition.OPTIONAL))
          .as(column).isTrue();
    }
  }

  @Test
  void theLotteryTicketsPredictionsAreOptionalAndTheProductRulesComesLast() {
    for (String column : List.of("predicted_frequency", "predicted_frequency_product")) {
      assertThat(Schemas.NEURONS.getType(column).isRepetition(Type.Repetition.OPTIONAL))
          .as(column).isTrue();
    }
    assertThat(Schemas.NEURONS.getFieldName(Schemas.NEURONS.getFieldCount() - 1))
        .isEqualTo("predicted_frequency_product");
  }
}
