package io.grokking.trainer.model.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.Precision;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.loss.CrossEntropy;
import io.grokking.trainer.model.ModelFamilies;
import io.grokking.trainer.model.TrainableModel;
import io.grokking.trainer.task.ModularTask;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The general MLP's hand-written passes ({@link DeepMlpPasses}) agree, in float64, with DL4J's
 * own network of record on the same weights: its probabilities from {@code output()}, its loss
 * and every parameter's gradient from {@code computeGradientAndScore()}; and with central finite
 * differences of the loss, for depth 1 and 2, with and without biases, for every activation.
 */
class DeepMlpGradientTest {
  static RunSpec spec(int depth, boolean bias, Activation act, Encoding enc, double initScale) {
    var t = TestRuns.with(TestRuns.train(12, 1e-3, 10, 5), act, enc, Precision.FLOAT64);
    t = new io.grokking.trainer.config.TrainConfig(t.width(), t.learningRate(), t.steps(),
        t.activation(), t.encoding(), t.evalEvery(), t.warmupSteps(), t.beta1(), t.beta2(),
        t.epsilon(), initScale, t.precision(), t.stopAfterGrok(), t.stopThreshold(),
        t.stopWindow(), t.threads(), t.checkpointEvery());
    return new RunSpec(7, 0.0, 0.6, 3, t, TaskConfig.defaults(),
        new ModelConfig(MlpFamily.NAME, 128, 4, 32, 512, depth, bias));
  }

  static Stream<Arguments> shapes() {
    Stream.Builder<Arguments> all = Stream.builder();
    for (int depth : new int[] {1, 2}) {
      for (boolean bias : new boolean[] {false, true}) {
        for (Activation act : Activation.values()) {
          all.add(Arguments.of(depth, bias, act, Encoding.SUM));
        }
      }
    }
    all.add(Arguments.of(2, true, Activation.GELU, Encoding.CONCAT));
    all.add(Arguments.of(3, true, Activation.TANH, Encoding.CONCAT));
    return all.build();
  }

  @ParameterizedTest(name = "depth {0} bias {1} {2} {3}")
  @MethodSource("shapes")
  void matchesDl4jBackpropAndFiniteDifferences(int depth, boolean bias, Activation act,
      Encoding enc) {
    // Init scale 1 puts pre-activations across the nonlinearities, not only near 0, and keeps
    // every probability above the 1e-10 at which DL4J's cross-entropy clips its score.
    RunSpec spec = spec(depth, bias, act, enc, 1.0);
    MultiLayerNetwork net = ModularMlp.create(spec);
    if (bias) {
      // Biases start at zero; make them matter to the check.
      for (int l = 0; l <= depth; l++) {
        INDArray b = net.getParam(ModularMlp.biasKey(l));
        b.assign(org.nd4j.linalg.factory.Nd4j.rand(b.dataType(), b.shape()).subi(0.5));
      }
    }
    DeepMlpModel model = new DeepMlpModel(spec, net, new CrossEntropy());
    ModularTask data = ModularTask.split(7, 0.6, 3);
    Batch batch = Batch.of(data.train(), enc, org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    TrainableModel.Passes pass = model.passes(data.train());
    INDArray logits = pass.forward();
    double loss = pass.loss();
    pass.backward();
    INDArray grad = model.gradient().dup();

    assertThat(maxDiff(Transforms.softmax(logits.dup()), net.output(batch.x()))).isLessThan(1e-12);
    net.setInput(batch.x());
    net.setLabels(batch.y());
    net.computeGradientAndScore();
    assertThat(net.score()).isCloseTo(loss, within(1e-10));
    int n = batch.size();
    var dl4j = net.gradient();
    for (TrainableModel.Tensor tensor : model.tensors()) {
      INDArray ours = grad.reshape(grad.length()).get(
          org.nd4j.linalg.indexing.NDArrayIndex.interval(tensor.offset(),
              tensor.offset() + tensor.length()));
      INDArray theirs = dl4j.getGradientFor(tensor.name()).dup('f').reshape('f', new long[] {tensor.length()})
          .div(n);
      assertThat(maxDiff(ours, theirs)).as(tensor.name()).isLessThan(1e-11);
    }
    assertThat(model.tensors()).extracting(TrainableModel.Tensor::name)
        .hasSize((depth + 1) * (bias ? 2 : 1));

    INDArray params = model.params().reshape(model.params().length());
    double h = 1e-6;
    long size = params.length();
    for (long at : new long[] {0, 5, size / 3, size / 2, size - 7, size - 1}) {
      double saved = params.getDouble(at);
      params.putScalar(at, saved + h);
      pass.forward();
      double up = pass.loss();
      params.putScalar(at, saved - h);
      pass.forward();
      double down = pass.loss();
      params.putScalar(at, saved);
      assertThat(grad.reshape(size).getDouble(at)).as("parameter %d", at)
          .isCloseTo((up - down) / (2 * h), within(1e-7));
    }
  }

  @Test
  void theTunedPathTakesHeEtAlsShapeAndTheGeneralOneTheRest() {
    assertThat(ModelFamilies.model(spec(1, false, Activation.RELU, Encoding.SUM, 0.1)))
        .isInstanceOf(MlpModel.class);
    assertThat(ModelFamilies.model(spec(1, false, Activation.QUAD, Encoding.CONCAT, 0.1)))
        .isInstanceOf(MlpModel.class);
    assertThat(ModelFamilies.model(spec(1, false, Activation.GELU, Encoding.SUM, 0.1)))
        .isInstanceOf(DeepMlpModel.class);
    assertThat(ModelFamilies.model(spec(1, true, Activation.RELU, Encoding.SUM, 0.1)))
        .isInstanceOf(DeepMlpModel.class);
    assertThat(ModelFamilies.model(spec(2, false, Activation.RELU, Encoding.SUM, 0.1)))
        .isInstanceOf(DeepMlpModel.class);
  }

  @Test
  void theGeneralPassesOfHeEtAlsShapeEqualTheTunedOnes() {
    RunSpec spec = spec(1, false, Activation.RELU, Encoding.SUM, 1.0);
    MultiLayerNetwork net = ModularMlp.create(spec);
    ModularTask data = ModularTask.split(7, 0.6, 3);
    TrainableModel tuned = new MlpModel(spec, net);
    TrainableModel general = new DeepMlpModel(spec, net, new CrossEntropy());
    TrainableModel.Passes a = tuned.passes(data.train());
    TrainableModel.Passes b = general.passes(data.train());
    assertThat(maxDiff(a.forward(), b.forward())).isLessThan(1e-13);
    assertThat(b.loss()).isCloseTo(a.loss(), within(1e-13));
    assertThat(b.accuracy()).isEqualTo(a.accuracy());
    a.backward();
    b.backward();
    assertThat(maxDiff(tuned.gradient(), general.gradient())).isLessThan(1e-13);
  }

  private static double maxDiff(INDArray a, INDArray b) {
    return Transforms.abs(a.sub(b)).maxNumber().doubleValue();
  }
}
