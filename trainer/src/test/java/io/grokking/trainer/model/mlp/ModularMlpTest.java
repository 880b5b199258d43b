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
import io.grokking.trainer.config.TrainConfig;
import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class ModularMlpTest {

  @Test
  void shapesHaveNoBiasesAndInitHasTheSpecifiedScale() {
    RunSpec spec = TestRuns.spec(97, 1.0, 0.5, 0, TestRuns.train(512, 1e-3, 10, 5));
    MultiLayerNetwork net = ModularMlp.create(spec);
    assertThat(net.getParam(ModularMlp.W_IN).shape()).containsExactly(97, 512);
    assertThat(net.getParam(ModularMlp.W_OUT).shape()).containsExactly(512, 97);
    assertThat(net.params().length()).isEqualTo(2L * 97 * 512);
    INDArray w = net.getParam(ModularMlp.W_IN);
    double expectedStd = 0.1 / Math.sqrt(97);
    assertThat(w.stdNumber().doubleValue()).isCloseTo(expectedStd, within(expectedStd * 0.02));
    assertThat(w.meanNumber().doubleValue()).isCloseTo(0.0, within(expectedStd * 0.02));
  }

  @Test
  void concatEncodingDoublesTheInput() {
    RunSpec spec = TestRuns.spec(11, 1.0, 0.5, 0, TestRuns.with(TestRuns.train(32, 1e-3, 10, 5),
        Activation.QUAD, Encoding.CONCAT, Precision.FLOAT32));
    assertThat(ModularMlp.create(spec).getParam(ModularMlp.W_IN).shape()).containsExactly(22, 32);
  }

  @Test
  void sameSeedSameWeightsAndOtherSeedOtherWeights() {
    INDArray a = ModularMlp.create(TestRuns.spec(11, 1, 0.5, 5, TestRuns.train(16, 1e-3, 1, 1)))
        .params();
    INDArray b = ModularMlp.create(TestRuns.spec(11, 1, 0.5, 5, TestRuns.train(16, 1e-3, 1, 1)))
        .params();
    INDArray c = ModularMlp.create(TestRuns.spec(11, 1, 0.5, 6, TestRuns.train(16, 1e-3, 1, 1)))
        .params();
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }

  @Test
  void dl4jSerializerRoundTripsTheNetworkIncludingQuad(@TempDir Path dir) throws Exception {
    RunSpec spec = TestRuns.spec(11, 1.0, 0.5, 0, TestRuns.with(TestRuns.train(32, 1e-3, 10, 5),
        Activation.QUAD, Encoding.SUM, Precision.FLOAT32));
    MultiLayerNetwork net = ModularMlp.create(spec);
    File file = dir.resolve("model.zip").toFile();
    ModelSerializer.writeModel(net, file, true);
    MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(file);
    assertThat(back.params()).isEqualTo(net.params());
    assertThat(back.getLayerWiseConfigurations().toJson())
        .isEqualTo(net.getLayerWiseConfigurations().toJson());
  }

  private static RunSpec deep(int depth, boolean bias, Activation act, double initStd) {
    TrainConfig t = TestRuns.with(TestRuns.train(16, 1e-3, 10, 5), act, Encoding.SUM,
        Precision.FLOAT64);
    t = new TrainConfig(t.width(), t.learningRate(), t.steps(), t.activation(), t.encoding(),
        t.evalEvery(), t.warmupSteps(), t.beta1(), t.beta2(), t.epsilon(), t.initScale(),
        t.precision(), t.stopAfterGrok(), t.stopThreshold(), t.stopWindow(), t.threads(),
        t.checkpointEvery(), initStd);
    return new RunSpec(11, 1.0, 0.5, 5, t, TaskConfig.defaults(),
        new ModelConfig(MlpFamily.NAME, 128, 4, 32, 512, depth, bias));
  }

  @Test
  void biasesStartAtZeroAndLeaveTheWeightsDrawsAsTheyWere() {
    MultiLayerNetwork plain = ModularMlp.create(deep(1, false, Activation.RELU, Double.NaN));
    MultiLayerNetwork biased = ModularMlp.create(deep(1, true, Activation.RELU, Double.NaN));
    assertThat(biased.getParam(ModularMlp.W_IN)).isEqualTo(plain.getParam(ModularMlp.W_IN));
    assertThat(biased.getParam(ModularMlp.W_OUT)).isEqualTo(plain.getParam(ModularMlp.W_OUT));
    assertThat(biased.getParam(ModularMlp.biasKey(0)).sumNumber().doubleValue()).isZero();
    assertThat(biased.getParam(ModularMlp.biasKey(1)).length()).isEqualTo(11);
  }

  @Test
  void aDeeperNetworkDrawsItsLayersInOrderWithTheirScales() {
    MultiLayerNetwork one = ModularMlp.create(deep(1, false, Activation.TANH, Double.NaN));
    MultiLayerNetwork three = ModularMlp.create(deep(3, false, Activation.TANH, Double.NaN));
    assertThat(ModularMlp.depth(three)).isEqualTo(3);
    // W_in is the first draw after the split's permutation, at any depth.
    assertThat(three.getParam(ModularMlp.W_IN)).isEqualTo(one.getParam(ModularMlp.W_IN));
    assertThat(three.getParam("1_W").shape()).containsExactly(16, 16);
    assertThat(three.getParam(ModularMlp.outputWeightKey(three)).shape()).containsExactly(16, 11);
    // W_2 is init-scale / sqrt(width) times the normals drawn right after W_in's, which W_out
    // of the one-layer network drew: the same normals, another scale.
    INDArray w2 = three.getParam("1_W").mul(Math.sqrt(16));
    INDArray oneOut = one.getParam(ModularMlp.W_OUT).mul(Math.sqrt(11));
    double[] drawn = java.util.Arrays.copyOf(
        org.nd4j.linalg.factory.Nd4j.toFlattened('c', w2).toDoubleVector(), 16 * 11);
    double[] expected = org.nd4j.linalg.factory.Nd4j.toFlattened('c', oneOut).toDoubleVector();
    for (int i = 0; i < expected.length; i++) {
      assertThat(drawn[i]).as("normal %d", i).isCloseTo(expected[i], within(1e-12));
    }
  }

  @Test
  void initStdIsEveryMatrixsDeviation() {
    RunSpec spec = TestRuns.spec(97, 1.0, 0.5, 0, TestRuns.train(512, 1e-3, 10, 5));
    RunSpec given = new RunSpec(97, 1.0, 0.5, 0, new TrainConfig(512, 1e-3, 10,
        Activation.RELU, Encoding.SUM, 5, 10, 0.9, 0.98, 1e-8, 0.1, Precision.FLOAT32, false,
        0.99, 1000, 1, 0, 0.05), TaskConfig.defaults(),
        new ModelConfig(MlpFamily.NAME, 128, 4, 32, 512, 2, false));
    MultiLayerNetwork net = ModularMlp.create(given);
    for (String key : new String[] {"0_W", "1_W", "2_W"}) {
      assertThat(net.getParam(key).stdNumber().doubleValue()).as(key)
          .isCloseTo(0.05, within(0.05 * 0.03));
    }
    assertThat(spec.train().weightStd(97)).isEqualTo(0.1 / Math.sqrt(97));
  }

  @Test
  void dl4jSerializerRoundTripsADeepGeluNetworkWithBiases(@TempDir Path dir) throws Exception {
    MultiLayerNetwork net = ModularMlp.create(deep(2, true, Activation.GELU, Double.NaN));
    File file = dir.resolve("model.zip").toFile();
    ModelSerializer.writeModel(net, file, true);
    MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(file);
    assertThat(back.params()).isEqualTo(net.params());
    assertThat(back.getLayerWiseConfigurations().toJson())
        .isEqualTo(net.getLayerWiseConfigurations().toJson());
    INDArray x = org.nd4j.linalg.factory.Nd4j.eye(11).castTo(net.params().dataType());
    assertThat(back.output(x)).isEqualTo(net.output(x));
  }
}
