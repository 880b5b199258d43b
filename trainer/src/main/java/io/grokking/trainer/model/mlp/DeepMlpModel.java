package io.grokking.trainer.model.mlp;

import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.loss.Loss;
import io.grokking.trainer.model.Minibatch;
import io.grokking.trainer.model.ModelFamilies;
import io.grokking.trainer.model.TrainableModel;
import io.grokking.trainer.numeric.DataTypes;
import io.grokking.trainer.task.ModularTask;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The general MLP of {@link ModularMlp} for the trainer: any {@code model.depth}, biases on or
 * off, any activation and any {@link Loss}, through the hand-written passes of {@link
 * DeepMlpPasses}. The parameters are the DL4J network's own vector, the gradient a vector in the
 * same layout (layer by layer, each layer's W, column-major, then its b). He et al.'s shape (one
 * layer, no biases, ReLU or x², cross-entropy) goes to the tuned {@link MlpModel} instead
 * ({@link ModelFamilies}).
 */
public final class DeepMlpModel implements TrainableModel {
  private final RunSpec spec;
  private final MultiLayerNetwork net;
  private final Loss loss;
  private final INDArray params;
  private final INDArray grad;
  private final INDArray[] w;
  private final INDArray[] b;
  private final INDArray[] dw;
  private final INDArray[] db;
  private final List<Tensor> tensors;

  /** @param loss the training loss of every pass, e.g. {@link io.grokking.trainer.loss.CrossEntropy} */
  public DeepMlpModel(RunSpec spec, MultiLayerNetwork net, Loss loss) {
    this.spec = spec;
    this.net = net;
    this.loss = loss;
    this.params = net.params();
    int depth = ModularMlp.depth(net);
    if (depth != spec.model().depth()) {
      throw new IllegalArgumentException("the network has " + depth + " hidden layers, the run "
          + spec.model().depth());
    }
    boolean bias = spec.model().bias();
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      this.grad = Nd4j.zeros(params.dataType(), params.shape());
    }
    INDArray flatParams = params.reshape(params.length());
    INDArray flatGrad = grad.reshape(params.length());  // a view: grad is contiguous
    this.w = new INDArray[depth + 1];
    this.b = bias ? new INDArray[depth + 1] : null;
    this.dw = new INDArray[depth + 1];
    this.db = bias ? new INDArray[depth + 1] : null;
    List<Tensor> all = new ArrayList<>();
    long offset = 0;
    for (int l = 0; l <= depth; l++) {
      w[l] = net.getParam(ModularMlp.weightKey(l));
      dw[l] = view(flatGrad, flatParams, offset, w[l], ModularMlp.weightKey(l));
      all.add(new Tensor(ModularMlp.weightKey(l), offset, w[l].length()));
      offset += w[l].length();
      if (bias) {
        b[l] = net.getParam(ModularMlp.biasKey(l));
        db[l] = view(flatGrad, flatParams, offset, b[l], ModularMlp.biasKey(l));
        all.add(new Tensor(ModularMlp.biasKey(l), offset, b[l].length()));
        offset += b[l].length();
      }
    }
    if (offset != params.length()) {
      throw new IllegalStateException("the layers hold " + offset + " parameters, the network "
          + params.length());
    }
    this.tensors = List.copyOf(all);
  }

  /** A new network for {@code spec}, its weights drawn from the run's seed. */
  public static DeepMlpModel create(RunSpec spec, Loss loss) {
    return new DeepMlpModel(spec, ModularMlp.create(spec), loss);
  }

  /**
   * The gradient's view of one parameter at {@code offset}, shaped as DL4J shapes it (W
   * column-major, b a row). It checks that DL4J's parameter sits at that offset of the flat
   * vector, so the gradient's layout is the parameters' and the optimizer updates the right
   * weights.
   */
  private static INDArray view(INDArray flatGrad, INDArray flatParams, long offset,
      INDArray param, String key) {
    long[] shape = param.shape();
    INDArray placed = flatParams.get(NDArrayIndex.interval(offset, offset + param.length()))
        .reshape('f', shape);
    if (!placed.equals(param)) {
      throw new IllegalStateException("parameter " + key + " is not at offset " + offset
          + " of the network's vector in DL4J's column-major layout");
    }
    return flatGrad.get(NDArrayIndex.interval(offset, offset + param.length()))
        .reshape('f', shape);
  }

  public MultiLayerNetwork network() {
    return net;
  }

  @Override
  public INDArray params() {
    return params;
  }

  @Override
  public INDArray gradient() {
    return grad;
  }

  @Override
  public List<Tensor> tensors() {
    return tensors;
  }

  @Override
  public Passes passes(ModularTask.Side side) {
    TrainConfig t = spec.train();
    DataType type = DataTypes.of(t.precision());
    return new DeepMlpPasses(Batch.of(side, t.encoding(), type), t.activation(), loss, w, b, dw,
        db);
  }

  @Override
  public BatchPasses batchPasses(ModularTask.Side side, int size) {
    TrainConfig t = spec.train();
    Batch batch = Batch.of(Minibatch.first(side, size), t.encoding(),
        DataTypes.of(t.precision()));
    return new Minibatch(side, size, new DeepMlpPasses(batch, UniqueRows.each(batch),
        t.activation(), loss, w, b, dw, db), batch::fill);
  }
}
