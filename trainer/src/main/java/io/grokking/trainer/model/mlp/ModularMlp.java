package io.grokking.trainer.model.mlp;

import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.numeric.DataTypes;
import io.grokking.trainer.numeric.TorchGenerator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The two-layer network of He, Wang, Chen &amp; Yang 2026 (arXiv 2602.16849, Sec. 2): input
 * e_a + e_b (or [e_a ; e_b] for {@code concat}, Gromov 2023), one shared W_in without bias, the
 * activation, and W_out without bias; logits = W_out · act(W_in · x). Both matrices start as
 * initScale · N(0, 1) / sqrt(p).
 *
 * <p>With {@code model.depth} L &gt; 1 there are L hidden layers, each {@code train.width} wide
 * and followed by the activation, before W_out; with {@code model.bias} every layer, the output
 * layer included, adds a bias. Layer l's parameters are DL4J's {@code l_W} (and {@code l_b}), the
 * output layer's {@code L_W}: for L = 1 exactly {@link #W_IN} and {@link #W_OUT}.
 *
 * <p>It is an ordinary DL4J {@link MultiLayerNetwork}, so {@code ModelSerializer} saves and loads
 * it and {@code output()} evaluates it; the trainer updates its parameter views in place.
 */
public final class ModularMlp {
  /** Parameter keys of DL4J's layer-indexed parameter table. */
  public static final String W_IN = "0_W";
  public static final String W_OUT = "1_W";

  private ModularMlp() {}

  public static int inputSize(int modulus, Encoding encoding) {
    return encoding == Encoding.SUM ? modulus : 2 * modulus;
  }

  /** The hidden layers of a network this class built. */
  public static int depth(MultiLayerNetwork net) {
    return net.getnLayers() - 1;
  }

  /** The weight key of layer {@code layer}, 0 the first hidden layer, depth the output layer. */
  public static String weightKey(int layer) {
    return layer + "_W";
  }

  /** The bias key of layer {@code layer}. */
  public static String biasKey(int layer) {
    return layer + "_b";
  }

  /** The output layer's weights, (width × p), whatever the depth. */
  public static String outputWeightKey(MultiLayerNetwork net) {
    return weightKey(depth(net));
  }

  /** Builds the network and draws its initial weights from the run's seed. */
  public static MultiLayerNetwork create(RunSpec spec) {
    TrainConfig t = spec.train();
    int p = spec.modulus();
    int in = inputSize(p, t.encoding());
    boolean bias = spec.model().bias();
    NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
        .dataType(DataTypes.of(t.precision()))
        // DL4J's own AdamW equivalent, used only if someone calls fit(); the trainer applies
        // PyTorch's AdamW itself (see AdamW) because DL4J places epsilon differently.
        .updater(new Adam(t.learningRate(), t.beta1(), t.beta2(), t.epsilon()))
        .weightDecay(spec.weightDecay(), true)
        .list();
    for (int l = 0; l < spec.model().depth(); l++) {
      layers.layer(new DenseLayer.Builder().nIn(l == 0 ? in : t.width()).nOut(t.width())
          .hasBias(bias).activation(activation(t.activation())).build());
    }
    MultiLayerConfiguration conf = layers
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(t.width()).nOut(p)
            .hasBias(bias).activation(new ActivationSoftmax()).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    initialise(net, spec);
    return net;
  }

  static IActivation activation(Activation activation) {
    return switch (activation) {
      case RELU -> new ActivationReLU();
      case QUAD -> new ActivationSquare();
      case GELU -> new ActivationErfGelu();
      case TANH -> new ActivationTanH();
    };
  }

  /**
   * initScale · N(0,1) / sqrt(p) for W_in, then W_out, drawn from the run's generator after the
   * split's permutation, the order in which the PyTorch peer draws them, so both start from the
   * same weights (to float rounding) for the same seed. The permutation drawn is of p² whatever
   * the task (division's split permutes only p(p − 1) pairs), so runs that differ only in
   * operation or label noise start from the same weights.
   *
   * <p>A deeper network draws its matrices in layer order, W_in, the hidden W_2 … W_L, then
   * W_out, each row-major over its (fan-in × fan-out) shape; W_2 … W_L get initScale · N(0,1) /
   * sqrt(width), their fan-in. With {@code train.init-std} every matrix gets initStd · N(0,1)
   * instead. Biases start at zero and draw nothing, so a network with biases starts from the same
   * weights as the one without.
   */
  static void initialise(MultiLayerNetwork net, RunSpec spec) {
    int p = spec.modulus();
    TrainConfig t = spec.train();
    TorchGenerator generator = new TorchGenerator(spec.seed());
    generator.randperm(p * p);
    int depth = depth(net);
    double outer = t.weightStd(p);
    double hidden = t.hasInitStd() ? t.initStd() : t.initScale() / Math.sqrt(t.width());
    for (int l = 0; l <= depth; l++) {
      fill(net.getParam(weightKey(l)), generator, l == 0 || l == depth ? outer : hidden);
      if (spec.model().bias()) {
        net.getParam(biasKey(l)).assign(0);
      }
    }
  }

  private static void fill(INDArray w, TorchGenerator generator, double scale) {
    int rows = (int) w.rows();
    int cols = (int) w.columns();
    float[] normal = generator.randn(rows * cols);
    double[][] values = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        values[r][c] = scale * normal[r * cols + c];  // torch fills row-major
      }
    }
    w.assign(Nd4j.create(values).castTo(w.dataType()));
  }
}
