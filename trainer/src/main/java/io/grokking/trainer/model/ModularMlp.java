package io.grokking.trainer.model;

import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.Precision;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.data.TorchGenerator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
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

  public static DataType dataType(Precision precision) {
    return precision == Precision.FLOAT64 ? DataType.DOUBLE : DataType.FLOAT;
  }

  /** Builds the network and draws its initial weights from the run's seed. */
  public static MultiLayerNetwork create(RunSpec spec) {
    TrainConfig t = spec.train();
    int p = spec.modulus();
    int in = inputSize(p, t.encoding());
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .dataType(dataType(t.precision()))
        // DL4J's own AdamW equivalent, used only if someone calls fit(); the trainer applies
        // PyTorch's AdamW itself (see AdamW) because DL4J places epsilon differently.
        .updater(new Adam(t.learningRate(), t.beta1(), t.beta2(), t.epsilon()))
        .weightDecay(spec.weightDecay(), true)
        .list()
        .layer(new DenseLayer.Builder().nIn(in).nOut(t.width()).hasBias(false)
            .activation(activation(t.activation())).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(t.width()).nOut(p)
            .hasBias(false).activation(new ActivationSoftmax()).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    initialise(net, spec);
    return net;
  }

  static IActivation activation(Activation activation) {
    return activation == Activation.QUAD ? new ActivationSquare() : new ActivationReLU();
  }

  /**
   * initScale · N(0,1) / sqrt(p) for W_in, then W_out, drawn from the run's generator after the
   * split's permutation, the order in which the PyTorch peer draws them, so both start from the
   * same weights (to float rounding) for the same seed. The permutation drawn is of p² whatever
   * the task (division's split permutes only p(p − 1) pairs), so runs that differ only in
   * operation or label noise start from the same weights.
   */
  static void initialise(MultiLayerNetwork net, RunSpec spec) {
    int p = spec.modulus();
    TorchGenerator generator = new TorchGenerator(spec.seed());
    generator.randperm(p * p);
    double scale = spec.train().initScale() / Math.sqrt(p);
    fill(net.getParam(W_IN), generator, scale);
    fill(net.getParam(W_OUT), generator, scale);
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
