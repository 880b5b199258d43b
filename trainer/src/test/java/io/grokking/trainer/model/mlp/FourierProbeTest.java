package io.grokking.trainer.model.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.Precision;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.fourier.FourierAnalysis;
import io.grokking.trainer.fourier.LogitAblation;
import io.grokking.trainer.fourier.LotteryTicket;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.task.ModularTask;
import io.grokking.trainer.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FourierProbeTest {
  private static final int P = 11;

  private static RunSpec spec(Activation activation, Encoding encoding) {
    return TestRuns.spec(P, 1.0, 0.5, 3, TestRuns.with(TestRuns.train(16, 1e-2, 6, 3),
        activation, encoding, Precision.FLOAT64));
  }

  @ParameterizedTest
  @CsvSource({"RELU, SUM", "QUAD, SUM", "RELU, CONCAT", "QUAD, CONCAT"})
  void logitsAreWhatTheNetworksSoftmaxIsAppliedTo(Activation activation, Encoding encoding) {
    RunSpec spec = spec(activation, encoding);
    MultiLayerNetwork net = ModularMlp.create(spec);
    ModularTask data = ModularTask.split(P, 0.5, 3);
    FourierProbe probe = FourierProbe.of(data, encoding);
    double[][] logits = probe.logits(net);
    assertThat(logits).hasNumberOfRows(P * P);
    INDArray x = Nd4j.zeros(DataType.DOUBLE, P * P, ModularMlp.inputSize(P, encoding));
    for (int a = 0; a < P; a++) {
      for (int b = 0; b < P; b++) {
        int bColumn = encoding == Encoding.CONCAT ? P + b : b;
        x.putScalar(a * P + b, a, x.getDouble(a * P + b, a) + 1);
        x.putScalar(a * P + b, bColumn, x.getDouble(a * P + b, bColumn) + 1);
      }
    }
    double[][] probabilities = net.output(x).toDoubleMatrix();
    double nll = 0;
    for (int i = 0; i < P * P; i++) {
      double max = Arrays.stream(logits[i]).max().orElseThrow();
      double sum = Arrays.stream(logits[i]).map(z -> Math.exp(z - max)).sum();
      for (int c = 0; c < P; c++) {
        assertThat(Math.exp(logits[i][c] - max) / sum)
            .isCloseTo(probabilities[i][c], within(1e-12));
      }
    }
    for (int pair : data.train().pairs()) {
      nll -= Math.log(probabilities[pair][(pair / P + pair % P) % P]);
    }
    double fromLogits = 0;
    for (int pair : data.train().pairs()) {
      fromLogits += LogitAblation.crossEntropy(logits[pair], (pair / P + pair % P) % P);
    }
    assertThat(fromLogits / data.train().size())
        .isCloseTo(nll / data.train().size(), within(1e-12));
    FourierProbe.Measurement m = probe.measureAll(net);
    assertThat(m.ablation().restrictedLoss()).isPositive().isFinite();
    assertThat(m.ablation().excludedLoss()).isPositive().isFinite();
    assertThat(m.neurons()).hasSize(16);
    assertThat(FourierProbe.weights(net, ModularMlp.W_IN))
        .isDeepEqualTo(net.getParam(ModularMlp.W_IN).toDoubleMatrix());
  }

  @ParameterizedTest
  @CsvSource({"SUM, FLOAT32", "CONCAT, FLOAT32", "SUM, FLOAT64"})
  void theTrainerHandsTheProbeTheLogitsOfAllPairsFromItsOwnPasses(Encoding encoding,
      Precision precision) throws Exception {
    RunSpec spec = TestRuns.spec(P, 1.0, 0.5, 3, TestRuns.with(TestRuns.train(16, 1e-2, 6, 3),
        Activation.RELU, encoding, precision));
    ModularTask data = ModularTask.split(P, 0.5, 3);
    MultiLayerNetwork net = ModularMlp.create(spec);
    FourierProbe fourier = FourierProbe.of(data, encoding);
    List<Integer> probed = new ArrayList<>();
    double tolerance = precision == Precision.FLOAT32 ? 1e-5 : 1e-12;
    Trainer.Probe checking = (row, logits) -> {
      MultiLayerNetwork network = net;
      double[][] expected = fourier.logits(network);
      assertThat(logits).hasNumberOfRows(P * P);
      for (int i = 0; i < P * P; i++) {
        for (int c = 0; c < P; c++) {
          assertThat(logits[i][c]).as("step %d, pair %d, class %d", row.step(), i, c)
              .isCloseTo(expected[i][c], within(tolerance));
        }
      }
      // The same measurement as from logits the probe computes itself.
      StepMetrics own = FourierProbe.withMeasurement(row, fourier.measureAll(network));
      StepMetrics handed = fourier.measure(row, network, logits);
      assertThat(handed.restrictedLoss()).isCloseTo(own.restrictedLoss(), within(1e-4));
      assertThat(handed.excludedLoss()).isCloseTo(own.excludedLoss(), within(1e-4));
      probed.add(row.step());
      return handed;
    };
    new Trainer(spec, MlpFamily.model(spec, net), data).run(row -> {}, checking);
    assertThat(probed).containsExactly(0, 3, 6);
  }

  @Test
  void servesAsTheTrainersProbeAndFillsOnlyEvaluationRows() throws Exception {
    RunSpec spec = spec(Activation.RELU, Encoding.SUM);
    ModularTask data = ModularTask.split(P, 0.5, 3);
    MultiLayerNetwork net = ModularMlp.create(spec);
    FourierProbe fourier = FourierProbe.of(data, Encoding.SUM);
    int[] predicted = LotteryTicket.predict(fourier.spectra(net));
    Trainer.Probe probe = (row, logits) -> fourier.measure(row, net, logits);
    List<StepMetrics> rows = new ArrayList<>();
    new Trainer(spec, MlpFamily.model(spec, net), data).run(rows::add, probe);

    assertThat(rows).extracting(StepMetrics::step).containsExactly(0, 1, 2, 3, 4, 5, 6);
    for (StepMetrics row : rows) {
      if (row.evaluated()) {
        assertThat(row.ipr()).isBetween(1.0 / 5, 1.0);
        assertThat(row.nFrequencies()).isBetween(1, 5);
        assertThat(row.fourierSparsity()).isBetween(0.0, 1.0);
        assertThat(row.phaseMisalignment()).isBetween(0.0, 1.0);
        assertThat(row.restrictedLoss()).isPositive();
        assertThat(row.excludedLoss()).isPositive();
      } else {
        assertThat(row.ipr()).isNull();
        assertThat(row.restrictedLoss()).isNull();
      }
    }
    assertThat(rows).filteredOn(StepMetrics::evaluated).extracting(StepMetrics::step)
        .containsExactly(0, 3, 6);
    int[] dominant = FourierAnalysis.dominant(fourier.spectra(net));
    assertThat(predicted).hasSize(16);
    assertThat(Arrays.stream(predicted).boxed().toList())
        .allSatisfy(k -> assertThat(k).isBetween(1, 5));
    assertThat(LotteryTicket.hitRate(predicted, dominant)).isBetween(0.0, 1.0);
  }
}
