package io.grokking.trainer.model.embedmlp;

import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.loss.CrossEntropy;
import io.grokking.trainer.loss.Loss;
import io.grokking.trainer.loss.Losses;
import io.grokking.trainer.model.Minibatch;
import io.grokking.trainer.model.TrainableModel;
import io.grokking.trainer.numeric.DataTypes;
import io.grokking.trainer.task.ModularTask;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The embedding MLP of Chughtai et al. 2023 for the trainer: its flat parameter vector ({@link
 * EmbedMlpShape}), drawn from the run's seed ({@link EmbedMlpInit}), and the passes of {@link
 * EmbedMlpPasses} with the run's loss, in the run's precision.
 */
public final class EmbedMlpModel implements TrainableModel {
  private final EmbedMlpShape shape;
  private final INDArray params;
  private final INDArray gradient;
  private final Loss loss;

  /** The network trained with cross-entropy. */
  public EmbedMlpModel(EmbedMlpShape shape, INDArray params) {
    this(shape, params, new CrossEntropy());
  }

  public EmbedMlpModel(EmbedMlpShape shape, INDArray params, Loss loss) {
    this.shape = shape;
    this.params = params;
    this.loss = loss;
    this.gradient = shape.zeros(params.dataType());
  }

  /** The shape of {@code spec}: N = p, e = model.embed-dim, h = train.width. */
  public static EmbedMlpShape shape(RunSpec spec) {
    return new EmbedMlpShape(spec.modulus(),
        (Integer) spec.model().option(EmbedMlpFamily.EMBED_DIM), spec.train().width());
  }

  /** A new network for {@code spec}, its weights drawn from the run's seed. */
  public static EmbedMlpModel create(RunSpec spec) {
    EmbedMlpShape shape = shape(spec);
    return new EmbedMlpModel(shape, EmbedMlpInit.initialise(shape, spec.seed(),
        DataTypes.of(spec.train().precision())), Losses.of(spec.train().loss()));
  }

  public EmbedMlpShape shape() {
    return shape;
  }

  @Override
  public INDArray params() {
    return params;
  }

  @Override
  public INDArray gradient() {
    return gradient;
  }

  @Override
  public List<Tensor> tensors() {
    List<Tensor> all = new ArrayList<>();
    for (EmbedMlpShape.Matrix m : EmbedMlpShape.Matrix.values()) {
      all.add(new Tensor(m.variable(), shape.offset(m), m.size(shape)));
    }
    return List.copyOf(all);
  }

  @Override
  public BatchPasses batchPasses(ModularTask.Side side, int size) {
    EmbedMlpPasses passes = embedPasses(Minibatch.first(side, size));
    return new Minibatch(side, size, passes, passes::select);
  }

  @Override
  public Passes passes(ModularTask.Side side) {
    return embedPasses(side);
  }

  private EmbedMlpPasses embedPasses(ModularTask.Side side) {
    int n = side.size();
    int[] x = new int[n];
    int[] y = new int[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      x[i] = side.a(i);
      y[i] = side.b(i);
      labels[i] = side.label(i);
    }
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      return new EmbedMlpPasses(shape, x, y, labels, params, gradient, loss);
    }
  }
}
