package io.grokking.trainer.model.mlp;

import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.loss.Losses;
import io.grokking.trainer.model.Minibatch;
import io.grokking.trainer.model.TrainableModel;
import io.grokking.trainer.numeric.DataTypes;
import io.grokking.trainer.task.ModularTask;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The MLP of He et al. 2026 ({@link ModularMlp}) for the trainer: the DL4J network's own
 * parameter vector, a gradient vector in DL4J's flat layout (W_in then W_out, both column-major)
 * and the hand-written passes of {@link ForwardBackward}, tuned for this one shape ({@link
 * #handles}); every other MLP is a {@link DeepMlpModel}.
 */
public final class MlpModel implements TrainableModel {
  private final RunSpec spec;
  private final MultiLayerNetwork net;
  private final INDArray params;
  private final INDArray wIn;
  private final INDArray wOut;
  private final INDArray grad;
  private final INDArray dWin;
  private final INDArray dWout;

  public MlpModel(RunSpec spec, MultiLayerNetwork net) {
    if (!handles(spec)) {
      throw new IllegalArgumentException("the tuned MLP passes need one hidden layer without"
          + " biases and relu or quad, found depth " + spec.model().depth() + ", bias "
          + spec.model().bias() + ", " + spec.train().activation().key());
    }
    this.spec = spec;
    this.net = net;
    TrainConfig t = spec.train();
    int p = spec.modulus();
    int in = ModularMlp.inputSize(p, t.encoding());
    this.params = net.params();
    this.wIn = net.getParam(ModularMlp.W_IN);
    this.wOut = net.getParam(ModularMlp.W_OUT);
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      this.grad = Nd4j.zeros(params.dataType(), params.shape());
    }
    INDArray flat = grad.reshape(params.length());  // a view: grad is contiguous
    long split = (long) in * t.width();
    this.dWin = flat.get(NDArrayIndex.interval(0, split)).reshape('f', in, t.width());
    this.dWout = flat.get(NDArrayIndex.interval(split, params.length())).reshape('f', t.width(), p);
  }

  /**
   * True for He et al.'s shape, which {@link ForwardBackward} computes: one hidden layer, no
   * biases, ReLU or x². Its loss is cross-entropy, the only one its passes compute.
   */
  public static boolean handles(RunSpec spec) {
    Activation a = spec.train().activation();
    return spec.model().depth() == 1 && !spec.model().bias()
        && (a == Activation.RELU || a == Activation.QUAD);
  }

  /** A new network for {@code spec}, its weights drawn from the run's seed. */
  public static MlpModel create(RunSpec spec) {
    return new MlpModel(spec, ModularMlp.create(spec));
  }

  public MultiLayerNetwork network() {
    return net;
  }

  @Override
  public INDArray params() {
    return params;
  }

  @Override
  public List<Tensor> tensors() {
    return List.of(new Tensor(ModularMlp.W_IN, 0, wIn.length()),
        new Tensor(ModularMlp.W_OUT, wIn.length(), wOut.length()));
  }

  @Override
  public INDArray gradient() {
    return grad;
  }

  @Override
  public Passes passes(ModularTask.Side side) {
    TrainConfig t = spec.train();
    DataType type = DataTypes.of(t.precision());
    Batch batch = Batch.of(side, t.encoding(), type);
    return passes(batch, UniqueRows.of(batch));
  }

  @Override
  public BatchPasses batchPasses(ModularTask.Side side, int size) {
    TrainConfig t = spec.train();
    Batch batch = Batch.of(Minibatch.first(side, size), t.encoding(),
        DataTypes.of(t.precision()));
    return new Minibatch(side, size, passes(batch, UniqueRows.each(batch)), batch::fill);
  }

  private Passes passes(Batch batch, UniqueRows rows) {
    TrainConfig t = spec.train();
    ForwardBackward pass = new ForwardBackward(batch, rows, t.width(), spec.modulus(),
        t.activation(), DataTypes.of(t.precision()), Losses.of(t.loss()));
    return new Passes() {
      @Override
      public INDArray forward() {
        return pass.forward(wIn, wOut);
      }

      @Override
      public INDArray logits() {
        return pass.logits();
      }

      @Override
      public double loss() {
        return pass.loss();
      }

      @Override
      public double accuracy() {
        return pass.accuracy();
      }

      @Override
      public void backward() {
        pass.backward(wOut, dWin, dWout);
      }
    };
  }
}
