package io.grokking.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.Precision;
import io.grokking.trainer.config.RunSpec;
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
}
