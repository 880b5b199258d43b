package io.grokking.trainer.metrics;

import io.grokking.trainer.config.Families;
import io.grokking.trainer.config.FamilySpec;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TaskSpec;
import io.grokking.trainer.config.Tasks;
import io.grokking.trainer.config.Setting;
import java.util.List;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Parquet schemas of everything a sweep writes. The trainer writes with these and the analysis
 * reads by these column names; the README documents every column with its unit. Columns are only
 * ever appended, as optional, never renamed or dropped, so every file a sweep wrote still reads.
 * The partition column {@code modulus} lives in the directory name ({@code modulus=23}), not
 * inside the files.
 */
public final class Schemas {
  private Schemas() {}

  /** One row per recorded training step of one run ({@code DIR/metrics/modulus=P/RUN.parquet}). */
  public static final MessageType METRICS = MessageTypeParser.parseMessageType("""
      message metrics {
        required binary run_id (STRING);
        required int32 step;
        required double train_loss;
        required double train_acc;
        optional double test_loss;
        optional double test_acc;
        optional double weight_norm;
        optional double ipr;
        optional int32 n_frequencies;
        optional double fourier_sparsity;
        optional double phase_misalignment;
        optional double restricted_loss;
        optional double excluded_loss;
        optional double gini_embedding;
        optional double gini_unembedding;
      }
      """);

  /**
   * One row per finished run, written by the trainer when it commits the run
   * ({@code DIR/results/modulus=P/RUN.parquet}). A run is committed exactly when this file exists.
   *
   * <p>Every setting of {@link io.grokking.trainer.config.Settings#ALL} has a column, named by
   * its {@code column} (the modulus is the partition). The ones from eval_every on came later
   * and are optional, so files written before them still read; the trainer always fills them.
   * lottery_ticket_hit_rate (the gradient-flow predictor, {@link
   * io.grokking.trainer.fourier.LotteryOde}), lottery_ticket_product_hit_rate (the magnitude-product
   * rule, {@link io.grokking.trainer.fourier.LotteryTicket}; appended after the optimizer's columns),
   * lottery_ticket_chance and majority_voting are empty for operations
   * without the additive mechanism ({@link io.grokking.trainer.config.Operation#additiveMechanism}).
   * A run fills the columns of the settings its model family reads: an MLP run leaves d_model,
   * heads, d_head and d_mlp empty, a transformer run width, activation, encoding, init_scale,
   * depth, bias and init_std (they were required before model families existed; optional now,
   * which every reader accepts). An MLP run fills init_std when it was given and init_scale
   * otherwise.
   * stop_when, settle_threshold and settle_window came last; the settle columns are set only for
   * runs with {@code train.stop-when = phase-settled}, the only ones that read them.
   */
  public static final MessageType RESULT = withFamilyOptions(MessageTypeParser.parseMessageType("""
      message result {
        required binary run_id (STRING);
        required double weight_decay;
        required double train_fraction;
        required int64 seed;
        optional int32 width;
        required double learning_rate;
        required int32 steps_budget;
        optional binary activation (STRING);
        optional binary encoding (STRING);
        required binary dtype (STRING);
        required int32 n_train;
        required int32 n_test;
        required binary status (STRING);
        required int32 steps_run;
        optional binary message (STRING);
        required double train_seconds;
        required double eval_seconds;
        required double total_seconds;
        required int64 started_at_ms;
        required binary host (STRING);
        required binary config (STRING);
        optional double lottery_ticket_hit_rate;
        optional double lottery_ticket_chance;
        optional binary key_frequencies (STRING);
        optional binary majority_voting (STRING);
        optional int32 eval_every;
        optional int32 warmup_steps;
        optional double beta1;
        optional double beta2;
        optional double epsilon;
        optional double init_scale;
        optional boolean stop_after_grok;
        optional double stop_threshold;
        optional int32 stop_window;
        optional binary operation (STRING);
        optional double label_noise;
        optional binary family (STRING);
        optional int32 d_model;
        optional int32 heads;
        optional int32 d_head;
        optional int32 d_mlp;
        optional binary optimizer (STRING);
        optional double momentum;
        optional binary weight_decay_toward (STRING);
        optional binary grad_filter (STRING);
        optional double grokfast_alpha;
        optional double grokfast_lambda;
        optional int32 grokfast_window;
        optional double lottery_ticket_product_hit_rate;
        optional int32 depth;
        optional boolean bias;
        optional double init_std;
        optional binary loss (STRING);
        optional binary stop_when (STRING);
        optional double settle_threshold;
        optional int32 settle_window;
      }
      """));

  /**
   * {@code base} with an optional column for each setting a family declares itself ({@link
   * FamilySpec#options()}), then the task's name and each setting a task declares itself ({@link
   * TaskSpec#options()}), after every other: the column the setting names, of its type.
   */
  private static MessageType withFamilyOptions(MessageType base) {
    StringBuilder extra = new StringBuilder();
    List<Setting> appended = new java.util.ArrayList<>();
    Families.all().forEach(f -> appended.addAll(f.options()));
    appended.add(TaskConfig.NAME);
    Tasks.all().forEach(t -> appended.addAll(t.options()));
    for (Setting s : appended) {
      extra.append("  optional ").append(switch (s.type()) {
        case INTEGER -> "int32";
        case NUMBER -> "double";
        case BOOLEAN -> "boolean";
        default -> "binary";
      }).append(' ').append(s.column()).append(s.type() == Setting.Type.WORD ? " (STRING)" : "")
          .append(";\n");
    }
    String text = base.toString();
    return MessageTypeParser.parseMessageType(text.substring(0, text.lastIndexOf('}')) + extra
        + "}\n");
  }

  /**
   * One row per hidden neuron at initialisation and at the end ({@code DIR/neurons/modulus=P/}):
   * its dominant frequency k (1..(p−1)/2), input magnitude α and phase φ, output magnitude β and
   * phase ψ at that frequency (He et al. 2026, Sec. 2), and the lottery-ticket predictions made
   * from the initial weights: predicted_frequency by He et al.'s gradient flow, and
   * predicted_frequency_product (appended later) by the magnitude-product rule. The prediction is empty for operations without the additive
   * mechanism ({@link io.grokking.trainer.config.Operation#additiveMechanism}). For the transformer
   * a row is one neuron of its MLP, with only its frequency (Nanda et al. 2023, Sec. 5): the
   * magnitudes, phases and prediction are empty. Every column after step is optional; readers read
   * by name.
   */
  public static final MessageType NEURONS = MessageTypeParser.parseMessageType("""
      message neurons {
        required binary run_id (STRING);
        required int32 neuron;
        required binary snapshot (STRING);
        required int32 step;
        optional int32 frequency;
        optional double magnitude;
        optional double magnitude_out;
        optional double phase_in;
        optional double phase_out;
        optional int32 predicted_frequency;
        optional int32 predicted_frequency_product;
      }
      """);

  /**
   * The Fourier spectrum of W_in and W_out over training ({@code DIR/spectra/modulus=P/}): at every
   * evaluation step, the energy in each frequency k = 0..(p−1)/2 summed over neurons.
   */
  public static final MessageType SPECTRA = MessageTypeParser.parseMessageType("""
      message spectra {
        required binary run_id (STRING);
        required int32 step;
        required int32 frequency;
        required double energy_in;
        required double energy_out;
      }
      """);

  public static final List<String> METRIC_COLUMNS = columns(METRICS);
  public static final List<String> RESULT_COLUMNS = columns(RESULT);

  private static List<String> columns(MessageType type) {
    return type.getFields().stream().map(f -> f.getName()).toList();
  }
}
