package io.grokking.trainer.model.transformer;

import io.grokking.trainer.config.ModelConfig;
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
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The transformer of Nanda et al. 2023 (one block, or {@code model.layers} of them) for the
 * trainer: its flat parameter vector ({@link TransformerLayout}), drawn from the run's seed
 * ({@link TransformerInit}), and the fast passes of {@link TransformerBatchPasses}, which compute
 * only what the loss at the {@code =} position reads.
 * {@link #graph()} gives the same network as a DL4J {@link SameDiff} graph, which DL4J saves and
 * loads and whose gradients the tests compare with the passes'.
 */
public final class TransformerModel implements TrainableModel {
  private final TransformerLayout layout;
  private final INDArray params;
  private final INDArray gradient;
  private final Loss loss;

  /** The transformer trained with cross-entropy. */
  public TransformerModel(TransformerLayout layout, INDArray params) {
    this(layout, params, new CrossEntropy());
  }

  public TransformerModel(TransformerLayout layout, INDArray params, Loss loss) {
    this.layout = layout;
    this.params = params;
    this.loss = loss;
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      this.gradient = layout.zeros(params.dataType());
    }
  }

  /** A new transformer for {@code spec}: its shape from {@code model.*}, weights from the seed. */
  public static TransformerModel create(RunSpec spec) {
    ModelConfig m = spec.model();
    TransformerLayout layout = new TransformerLayout(new TransformerShape(spec.modulus(),
        m.dModel(), m.heads(), m.dHead(), m.dMlp(), TransformerFamily.layers(m)));
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      return new TransformerModel(layout, TransformerInit.initialise(layout, spec.seed(),
          DataTypes.of(spec.train().precision())), Losses.of(spec.train().loss()));
    }
  }

  public TransformerLayout layout() {
    return layout;
  }

  /** The network as a SameDiff graph holding the current parameters. */
  public SameDiff graph() {
    return TransformerGraph.build(layout, params);
  }

  @Override
  public INDArray params() {
    return params;
  }

  @Override
  public List<Tensor> tensors() {
    List<Tensor> all = new ArrayList<>();
    for (TransformerLayout.Slot slot : layout.slots()) {
      all.add(new Tensor(slot.variable(), slot.offset(), slot.size()));
    }
    return List.copyOf(all);
  }

  @Override
  public INDArray gradient() {
    return gradient;
  }

  @Override
  public BatchPasses batchPasses(ModularTask.Side side, int size) {
    TransformerBatchPasses passes = passes(Minibatch.first(side, size));
    return new Minibatch(side, size, passes, passes::select);
  }

  @Override
  public TransformerBatchPasses passes(ModularTask.Side side) {
    int n = side.size();
    int[] a = new int[n];
    int[] b = new int[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = side.a(i);
      b[i] = side.b(i);
      labels[i] = side.label(i);
    }
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      return TransformerBatchPasses.of(layout, a, b, labels, params, gradient, loss);
    }
  }
}
