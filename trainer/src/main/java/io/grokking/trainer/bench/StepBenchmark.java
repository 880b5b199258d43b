package io.grokking.trainer.bench;

import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.Families;
import io.grokking.trainer.model.Family;
import io.grokking.trainer.model.embedmlp.EmbedMlpFamily;
import io.grokking.trainer.model.mlp.MlpFamily;
import io.grokking.trainer.model.transformer.TransformerFamily;
import io.grokking.trainer.config.Precision;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.model.ModelFamilies;
import io.grokking.trainer.numeric.Threads;
import io.grokking.trainer.task.ModularTask;
import io.grokking.trainer.task.group.FiniteGroup;
import io.grokking.trainer.task.group.GroupComposition;
import io.grokking.trainer.train.Trainer;
import java.util.Arrays;
import java.util.Map;

/**
 * Milliseconds per full-batch training step (forward, loss, backward and AdamW), measured the way
 * the PyTorch peers ({@code shared/peer/torch_mlp.py}, {@code torch_transformer.py}, {@code
 * torch_group.py}) measure it: 30 warm-up steps, then 10 timed blocks, and the median block.
 * Evaluation is off so that only the training step is timed.
 */
public final class StepBenchmark {
  /** Chughtai et al.'s MLP as the peer {@code torch_group.py} builds it: embeddings of 256. */
  static final int GROUP_EMBED_DIM = 256;
  static final int GROUP_WIDTH = 128;
  /** The reference configurations of the speed issue, identical to the peer's presets. */
  public static final Map<String, Preset> PRESETS = Map.of(
      "R1", new Preset("R1", MlpFamily.NAME, 97, 512, 0.5, 1.0, 1e-3),
      "R2", new Preset("R2", MlpFamily.NAME, 23, 512, 0.75, 2.0, 1e-4),
      // Nanda et al. 2023's own configuration: p = 113, 30 % of the pairs (3 831), full batch
      "T1", new Preset("T1", TransformerFamily.NAME, 113, 0, 0.3, 1.0, 1e-3),
      "T2", new Preset("T2", TransformerFamily.NAME, 23, 0, 0.5, 1.0, 1e-3),
      // Chughtai et al. 2023's MLP composing in a group, as the presets of torch_group.py
      "G1", Preset.group("G1", "A5", 0.5),
      "G2", Preset.group("G2", "S5", 0.4),
      "G3", Preset.group("G3", "D59", 0.3));

  static final int WARMUP_STEPS = 30;
  static final int BLOCKS = 10;

  private StepBenchmark() {}

  /**
   * Every preset trains in float32 with AdamW (betas 0.9, 0.98) and the default learning-rate
   * warm-up, which is over before the 30 untimed steps are. embed-mlp takes its loss in float64
   * on the heap, as {@code torch_group.py} casts its logits to float64.
   *
   * @param modulus p, or the group's order
   * @param width the hidden width of the MLP and of embed-mlp; the transformer has Nanda et al.'s
   *     dimensions ({@link ModelConfig#defaults()}) and ignores it
   * @param task what is learned: a + b mod p, or composition in a group
   * @param modelOptions the family's own settings by key (embed-mlp's model.embed-dim)
   */
  public record Preset(String name, String family, int modulus, int width, double fraction,
      double weightDecay, double learningRate, TaskConfig task, Map<String, Object> modelOptions) {
    public Preset {
      modelOptions = Map.copyOf(modelOptions);
    }

    /** A preset of a + b mod p. */
    public Preset(String name, String family, int modulus, int width, double fraction,
        double weightDecay, double learningRate) {
      this(name, family, modulus, width, fraction, weightDecay, learningRate,
          TaskConfig.defaults(), Map.of());
    }

    /**
     * Composition in {@code group} on embed-mlp, as {@code torch_group.py} trains it: embeddings
     * of 256, 128 hidden units, AdamW lr 1e-3 and weight decay 1.
     */
    static Preset group(String name, String group, double fraction) {
      TaskConfig task = new TaskConfig(GroupComposition.NAME, TaskConfig.DEFAULT_OPERATION,
          TaskConfig.DEFAULT_LABEL_NOISE, Map.of(GroupComposition.GROUP.key(), group));
      return new Preset(name, EmbedMlpFamily.NAME, FiniteGroup.parse(group).order(), GROUP_WIDTH,
          fraction, 1.0, 1e-3, task, Map.of(EmbedMlpFamily.EMBED_DIM.key(), GROUP_EMBED_DIM));
    }

    RunSpec spec(int steps, int threads) {
      TrainConfig t = new TrainConfig(Math.max(1, width), learningRate, steps, Activation.RELU,
          Encoding.SUM, Integer.MAX_VALUE, TrainConfig.DEFAULT_WARMUP_STEPS, 0.9, 0.98, 1e-8, 0.1,
          Precision.FLOAT32, false, 0.99, 1000, threads, 0);
      ModelConfig d = ModelConfig.defaults();
      return new RunSpec(modulus, weightDecay, fraction, 0, t, task,
          new ModelConfig(family, d.dModel(), d.heads(), d.dHead(), d.dMlp(), d.depth(), d.bias(),
              modelOptions));
    }

    /** The peer's script for this preset's family. */
    String peerScript() {
      return ((Family) Families.of(family)).peerScript();
    }
  }

  /** One measurement: per-block milliseconds per step, and their median. */
  public record Result(Preset preset, int threads, int nTrain, double[] blockMs, double lastLoss) {
    public double medianMs() {
      double[] sorted = blockMs.clone();
      Arrays.sort(sorted);
      int n = sorted.length;
      return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public double minMs() {
      return Arrays.stream(blockMs).min().orElse(Double.NaN);
    }

    public double maxMs() {
      return Arrays.stream(blockMs).max().orElse(Double.NaN);
    }
  }

  public static Result measure(Preset preset, int timedSteps, int threads) throws Exception {
    Threads.apply(threads);
    int perBlock = Math.max(1, timedSteps / BLOCKS);
    int total = WARMUP_STEPS + perBlock * BLOCKS;
    RunSpec spec = preset.spec(total, threads);
    ModularTask data = ModularTask.of(spec);
    Trainer trainer = new Trainer(spec, ModelFamilies.model(spec), data);
    long[] stamps = new long[BLOCKS + 1];
    double[] loss = {Double.NaN};
    trainer.run(row -> {
      int s = row.step() - WARMUP_STEPS;
      if (s >= 0 && s % perBlock == 0 && s / perBlock <= BLOCKS) {
        stamps[s / perBlock] = System.nanoTime();
      }
      loss[0] = row.trainLoss();
    }, null);
    double[] blocks = new double[BLOCKS];
    for (int b = 0; b < BLOCKS; b++) {
      blocks[b] = (stamps[b + 1] - stamps[b]) / 1e6 / perBlock;
    }
    return new Result(preset, threads, data.train().size(), blocks, loss[0]);
  }

  public static void main(String[] args) throws Exception {
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    for (String name : args.length > 0 ? args[0].split(",") : new String[] {"R1", "R2", "T1",
        "T2", "G1", "G2", "G3"}) {
      Result r = measure(PRESETS.get(name), steps, 1);
      System.out.printf("%s n_train=%d median %.2f ms/step (min %.2f, max %.2f) loss %.4f%n", name,
          r.nTrain(), r.medianMs(), r.minMs(), r.maxMs(), r.lastLoss());
    }
  }
}
