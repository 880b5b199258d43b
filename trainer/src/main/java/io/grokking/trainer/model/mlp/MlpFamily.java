package io.grokking.trainer.model.mlp;

import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.Setting;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.loss.Losses;
import io.grokking.trainer.model.Family;
import io.grokking.trainer.model.ModelFamilies;
import io.grokking.trainer.model.TrainableModel;
import io.grokking.trainer.task.ModularTask;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * He et al. 2026's two-layer MLP, or a deeper or biased one ({@code model.family = mlp}, the
 * default): its width, activation, encoding and initialisation ({@code train.*}) and its depth and
 * biases ({@code model.*}).
 */
public final class MlpFamily implements Family {
  public static final String NAME = "mlp";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Setting> settings() {
    return List.of(TrainConfig.WIDTH, TrainConfig.ACTIVATION, TrainConfig.ENCODING,
        TrainConfig.INIT_SCALE, TrainConfig.INIT_STD, ModelConfig.DEPTH, ModelConfig.BIAS);
  }

  /** Every training setting, the MLP's among them, as run ids had them before families. */
  @Override
  public String trainCanonical(TrainConfig train) {
    return train.canonical();
  }

  /**
   * Nothing for He et al.'s shape, so MLP run ids are those of before families existed; the
   * depth and the biases only when they differ from the default.
   */
  @Override
  public String modelCanonical(ModelConfig m) {
    return (m.depth() != ModelConfig.DEFAULT_DEPTH ? ";depth=" + m.depth() : "")
        + (m.bias() != ModelConfig.DEFAULT_BIAS ? ";bias=" + m.bias() : "");
  }

  /** The sum encoding gives (a, b) and (b, a) one input, so it learns commutative tasks only. */
  @Override
  public void checkFits(TaskConfig task, int modulus, TrainConfig train) {
    task.checkFits(modulus);
    if (!task.spec().commutative(task) && train.encoding() == io.grokking.trainer.config
        .Encoding.SUM) {
      Map.Entry<String, String> labels = task.spec().labelSetting(task);
      throw new io.grokking.trainer.config.ConfigException(labels.getKey(),
          labels.getValue() + " is not commutative, so the sum encoding (e_a + e_b gives"
              + " (a, b) and (b, a) the same input) cannot learn it; set train.encoding ="
              + " concat, found train.encoding = sum");
    }
  }

  @Override
  public Optional<String> unreadSetting(TrainConfig train, ModelConfig m) {
    return Optional.ofNullable(m.depth() != ModelConfig.DEFAULT_DEPTH
        ? ModelConfig.DEPTH_KEY + " = " + m.depth()
        : m.bias() != ModelConfig.DEFAULT_BIAS ? ModelConfig.BIAS_KEY + " = " + m.bias()
        : train.hasInitStd() ? TrainConfig.INIT_STD_KEY + " = " + train.initStd() : null);
  }

  @Override
  public void columns(TrainConfig t, ModelConfig m, BiConsumer<String, Object> column) {
    column.accept("width", t.width());
    column.accept("activation", t.activation().key());
    column.accept("encoding", t.encoding().key());
    if (t.hasInitStd()) {
      column.accept("init_std", t.initStd());
    } else {
      column.accept("init_scale", t.initScale());
    }
    column.accept("depth", m.depth());
    column.accept("bias", m.bias());
  }

  /**
   * steps × width × p × (n + 4p), n the training pairs: a step's products cost n·width·p (the
   * logits and their gradients), and the passes over the parameters (AdamW, loading W_in,
   * storing its gradient) about 4p·width·p more. Fitted to the demo's measured step times
   * (p = 23 and 31, width 128, n = 159 to 865), whose order it gets right to within 12 %.
   */
  @Override
  public double cost(RunSpec spec) {
    double p = spec.modulus();
    double pairs = spec.trainPairs();
    return spec.train().steps() * (double) spec.train().width() * p * (pairs + 4 * p);
  }

  @Override
  public String spectrumMatrix() {
    return "W_in";
  }

  @Override
  public TrainableModel model(RunSpec spec) {
    return model(spec, ModularMlp.create(spec));
  }

  /** The trainer's view of the MLP {@code net} of {@code spec}: the tuned passes where they fit. */
  public static TrainableModel model(RunSpec spec, MultiLayerNetwork net) {
    return MlpModel.handles(spec) ? new MlpModel(spec, net)
        : new DeepMlpModel(spec, net, Losses.of(spec.train().loss()));
  }

  @Override
  public ModelFamilies.Built create(RunSpec spec, ModularTask data) {
    MultiLayerNetwork net = ModularMlp.create(spec);
    return new ModelFamilies.Built(model(spec, net), new MlpProbe(spec, data, net));
  }

  @Override
  public String peerScript() {
    return "torch_mlp.py";
  }
}
