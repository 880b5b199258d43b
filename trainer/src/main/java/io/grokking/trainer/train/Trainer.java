package io.grokking.trainer.train;

import io.grokking.trainer.checkpoint.TrainingState;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.model.TrainableModel;
import io.grokking.trainer.model.mlp.DeepMlpModel;
import io.grokking.trainer.model.mlp.MlpModel;
import io.grokking.trainer.numeric.OffHeap;
import io.grokking.trainer.optim.Optimizer;
import io.grokking.trainer.optim.Optimizers;
import io.grokking.trainer.optim.filter.GradientFilter;
import io.grokking.trainer.task.ModularTask;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Full-batch training of one run: at each step the whole training split goes forward and back, and
 * the run's optimizer ({@link Optimizers}: AdamW, Adam or SGD) updates the model's flat parameter
 * vector in place, whatever the model family ({@link TrainableModel}), after the run's gradient
 * filter, if any ({@link GradientFilter}), has rewritten the gradient. Every step is recorded; every
 * {@code eval-every} steps, and at the last, the test split and the probes are evaluated too. With
 * a training fraction of 1 there is no test split: the test columns of every row stay null and the
 * early stop on test accuracy never fires, while the weight norm and the probes are still taken.
 *
 * <p>All per-step temporaries live in one reused ND4J workspace: fresh off-heap memory costs
 * page faults on every step otherwise.
 *
 * <p>A run diverges when its training loss or its weights stop being finite numbers: with
 * decoupled weight decay, lr · λ &gt; 2 makes the factor (1 − lr · λ) grow the weights
 * geometrically until float32 overflows (learning rate 10 with weight decay 1 does within 30
 * steps), while Adam's bounded steps alone (learning rate 10 without weight decay) leave the loss
 * large but finite.
 *
 * <p>A run stops early at an evaluation by the rule of {@code train.stop-when} ({@link
 * EarlyStop}): once generalized (status {@code generalized}) or once its phase is settled (status
 * {@code settled}); either way the rows recorded are the full run's rows up to that step.
 *
 * <p>With {@code train.checkpoint-every} N &gt; 0 the trainer hands its state to a
 * {@link Checkpoints} every N steps; {@link #restore} continues from such a state and yields the
 * same rows, bit for bit, as the uninterrupted run.
 */
public final class Trainer {
  private static final WorkspaceConfiguration STEP_WORKSPACE = WorkspaceConfiguration.builder()
      .initialSize(0)
      .policyLearning(LearningPolicy.FIRST_LOOP)
      .policyAllocation(AllocationPolicy.OVERALLOCATE)
      .build();
  private static final String WORKSPACE_ID = "grok-step";

  private final RunSpec spec;
  private final TrainableModel model;
  private final INDArray params;
  private final INDArray grad;
  private final TrainableModel.Passes trainPass;
  /** Null when the split leaves no test pair (training fraction 1): test columns stay empty. */
  private final TrainableModel.Passes testPass;
  private final Optimizer optimizer;
  private final GradientFilter filter;
  private final AllPairLogits allPairs;
  private int startStep;
  private TrainingState resumed;

  /**
   * @param model the network of the run's model family
   * @param data the run's split; the network trains on its training labels as they are, so with
   *     label noise the training loss and accuracy are measured against the noisy labels (Doshi et
   *     al. 2023), the test ones against clean labels
   */
  public Trainer(RunSpec spec, TrainableModel model, ModularTask data) {
    this.spec = spec;
    this.model = model;
    TrainConfig t = spec.train();
    this.params = model.params();
    this.grad = model.gradient();
    this.trainPass = model.passes(data.train());
    this.testPass = data.test().size() == 0 ? null : model.passes(data.test());
    // Before any checkpoint is restored: params hold the seed's initial weights here.
    this.optimizer = Optimizers.create(spec, params);
    this.filter = GradientFilter.create(spec.optimizer(), model);
    // Only the MLP's additive measures read the all-pair logits (FourierProbe); the transformer's
    // probe runs its own pass over all p² inputs.
    boolean mlp = model instanceof MlpModel || model instanceof DeepMlpModel;
    this.allPairs = data.additive() && mlp
        ? new AllPairLogits(data, params.dataType()) : null;
  }

  public TrainableModel model() {
    return model;
  }

  /** Receives every recorded step, in order. */
  public interface Sink {
    void accept(StepMetrics metrics) throws Exception;
  }

  /** Adds mechanistic measures to an evaluation row (the Fourier probe). */
  public interface Probe {
    /**
     * @param logits the MLP's logits on all p² inputs, row a·p + b, from this step's passes
     *     over the training and the test pairs; valid during the call only. Null when the task's
     *     operation has no additive mechanism ({@link
     *     io.grokking.trainer.config.Operation#additiveMechanism}) or the model is not the MLP:
     *     nothing then reads them
     */
    StepMetrics measure(StepMetrics row, double[][] logits);
  }

  /** Receives the trainer's state every {@code train.checkpoint-every} steps. */
  public interface Checkpoints {
    void save(TrainingState state) throws Exception;
  }

  /**
   * How training ended. {@code trainSeconds} is the time in training steps (forward, loss,
   * backward, AdamW), {@code evalSeconds} the time in evaluations (test pass, weight norm, probes);
   * recording rows in the sink and saving checkpoints count as neither.
   */
  public record Result(RunStatus status, int stepsRun, String message, double finalTrainAcc,
      double finalTestAcc, double trainSeconds, double evalSeconds) {}

  /** Resumes from a checkpoint: the next row recorded is {@code step}. */
  void resumeAt(int step) {
    this.startStep = step;
  }

  Optimizer optimizer() {
    return optimizer;
  }

  /**
   * Continues from a checkpoint of the same run: parameters, the optimizer's and the filter's
   * state and the update count, the early-stop state and the time spent. The next row recorded is {@code state.nextStep()}.
   */
  public void restore(TrainingState state) {
    if (state.params().length != params.length()) {
      throw new IllegalArgumentException("checkpoint of run " + state.runId() + " holds "
          + state.params().length + " parameters, the network has " + params.length());
    }
    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      params.assign(vector(state.params()));
    }
    Map<String, double[]> saved = new HashMap<>(state.extra());
    saved.put(Optimizer.FIRST_MOMENT, state.firstMoment());
    saved.put(Optimizer.SECOND_MOMENT, state.secondMoment());
    optimizer.restore(saved, state.updates());
    if (filter != null) {
      filter.restore(saved);
    }
    resumeAt(state.nextStep());
    this.resumed = state;
  }

  /** The state before step {@code nextStep}'s row, copied to the heap. */
  private TrainingState snapshot(int nextStep, int holdingSince, double testAcc, long trainNanos,
      long evalNanos) {
    Map<String, double[]> extra = new TreeMap<>(optimizer.state());
    if (filter != null) {
      extra.putAll(filter.state());
    }
    int n = Math.toIntExact(params.length());
    double[] m = extra.remove(Optimizer.FIRST_MOMENT);
    double[] v = extra.remove(Optimizer.SECOND_MOMENT);
    return new TrainingState(spec.runId(), nextStep, optimizer.updates(),
        params.toDoubleVector(), m == null ? new double[n] : m, v == null ? new double[n] : v,
        holdingSince, testAcc, trainNanos / 1e9, evalNanos / 1e9, extra);
  }

  private INDArray vector(double[] values) {
    return Nd4j.createFromArray(values).reshape(params.shape()).castTo(params.dataType());
  }

  /** True when every weight is a finite number; the norm settles it unless it overflowed. */
  private boolean weightsFinite(double norm) {
    return Double.isFinite(norm) || !BooleanIndexing.or(params, Conditions.notFinite());
  }

  /**
   * Trains to the step budget or until an early stop. Row s describes the parameters after s
   * updates, train and test alike; the last row is always an evaluation row.
   */
  public Result run(Sink sink, Probe probe) throws Exception {
    return run(sink, probe, null);
  }

  /**
   * As {@link #run(Sink, Probe)}, saving a checkpoint through {@code checkpoints} (when not null)
   * before every step s with s % {@code train.checkpoint-every} == 0, 0 &lt; s &lt; budget: the
   * rows 0 .. s − 1 are then recorded and the parameters have had s updates.
   */
  public Result run(Sink sink, Probe probe, Checkpoints checkpoints) throws Exception {
    TrainConfig t = spec.train();
    int budget = t.steps();
    int every = t.checkpointEvery();
    long trainNanos = resumed == null ? 0 : Math.round(resumed.trainSeconds() * 1e9);
    long evalNanos = resumed == null ? 0 : Math.round(resumed.evalSeconds() * 1e9);
    EarlyStop stop = new EarlyStop(t, resumed == null ? -1 : resumed.holdingSince());
    double trainAcc = Double.NaN;
    double testAcc = resumed == null ? Double.NaN : resumed.testAcc();
    for (int step = startStep; step <= budget; step++) {
      if (checkpoints != null && every > 0 && step > startStep && step < budget
          && step % every == 0) {
        checkpoints.save(snapshot(step, stop.holdingSince(), testAcc, trainNanos, evalNanos));
      }
      try (MemoryWorkspace ws =
          Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP_WORKSPACE, WORKSPACE_ID)) {
        long t0 = System.nanoTime();
        trainPass.forward();
        double trainLoss = trainPass.loss();
        trainAcc = trainPass.accuracy();
        long t1 = System.nanoTime();
        trainNanos += t1 - t0;
        if (!Double.isFinite(trainLoss)) {
          sink.accept(StepMetrics.train(step, trainLoss, trainAcc));
          return new Result(RunStatus.DIVERGED, step,
              "training loss became " + trainLoss + " at step " + step, trainAcc, testAcc,
              trainNanos / 1e9, evalNanos / 1e9);
        }
        boolean stopNow = false;
        StepMetrics row = StepMetrics.train(step, trainLoss, trainAcc);
        if (step % t.evalEvery() == 0 || step == budget) {
          row = evaluate(row, probe);
          testAcc = row.testAcc() == null ? Double.NaN : row.testAcc();
          if (!weightsFinite(row.weightNorm())) {
            sink.accept(row);
            return new Result(RunStatus.DIVERGED, step, "weights became non-finite at step "
                + step + " (weight norm " + row.weightNorm() + ")", trainAcc, testAcc,
                trainNanos / 1e9, evalNanos / 1e9);
          }
          stopNow = stop.evaluated(step, testAcc);
        }
        evalNanos += System.nanoTime() - t1;
        sink.accept(row);
        if (stopNow) {
          return new Result(stop.status(), step, stop.message(step, budget), trainAcc, testAcc,
              trainNanos / 1e9, evalNanos / 1e9);
        }
        if (step < budget) {
          long t2 = System.nanoTime();
          trainPass.backward();
          if (filter != null) {
            filter.apply(params, grad);
          }
          optimizer.step(params, grad);
          trainNanos += System.nanoTime() - t2;
        }
      }
    }
    return new Result(RunStatus.COMPLETED, budget, null, trainAcc, testAcc, trainNanos / 1e9,
        evalNanos / 1e9);
  }

  private StepMetrics evaluate(StepMetrics row, Probe probe) {
    Double testLoss = null;
    Double testAcc = null;
    if (testPass != null) {
      testPass.forward();
      testLoss = testPass.loss();
      testAcc = testPass.accuracy();
    }
    double norm = OffHeap.norm2(params);
    StepMetrics evaluated = new StepMetrics(row.step(), row.trainLoss(), row.trainAcc(), testLoss,
        testAcc, norm, null, null, null, null, null, null, null, null);
    if (probe == null) {
      return evaluated;
    }
    double[][] logits =
        allPairs == null ? null : allPairs.gather(trainPass.logits(), testPass == null ? null : testPass.logits());
    return probe.measure(evaluated, logits);
  }
}
