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
import io.grokking.trainer.fourier.FourierAnalysis;
import io.grokking.trainer.fourier.NeuronSpectrum;
import io.grokking.trainer.model.ModelFamilies;
import io.grokking.trainer.model.ModelProbe;
import io.grokking.trainer.task.ModularTask;
import io.grokking.trainer.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Fourier measures of a two-hidden-layer MLP read its first layer: the neurons' spectra are
 * those of W_in's columns with no output side, the measures that need one (phase misalignment,
 * both lottery tickets, output magnitudes and phases) are empty, and those of the logits
 * (restricted and excluded loss) are taken from the whole network's logits.
 */
class DeepMlpProbeTest {
  private static final int P = 11;

  private static RunSpec spec() {
    return new RunSpec(P, 1.0, 0.5, 3, TestRuns.with(TestRuns.train(16, 1e-2, 6, 3),
        Activation.GELU, Encoding.SUM, Precision.FLOAT64), TaskConfig.defaults(),
        new ModelConfig(MlpFamily.NAME, 128, 4, 32, 512, 2, true));
  }

  @Test
  void theSpectraAreTheFirstLayersInputWeightsAlone() {
    RunSpec spec = spec();
    MultiLayerNetwork net = ModularMlp.create(spec);
    ModularTask data = ModularTask.split(P, 0.5, 3);
    FourierProbe probe = FourierProbe.of(data, Encoding.SUM);
    double[][] wIn = FourierProbe.weights(net, ModularMlp.W_IN);
    List<NeuronSpectrum> expected = FourierAnalysis.analyze(wIn, new double[16][P], P, false);
    List<NeuronSpectrum> spectra = probe.spectra(net);
    assertThat(FourierProbe.readsOutput(net)).isFalse();
    assertThat(spectra).hasSize(16);
    for (int j = 0; j < 16; j++) {
      assertThat(spectra.get(j).inputEnergy()).containsExactly(expected.get(j).inputEnergy());
      assertThat(Arrays.stream(spectra.get(j).outputEnergy()).sum()).isZero();
      assertThat(spectra.get(j).dominant()).isEqualTo(expected.get(j).dominant()).isPositive();
    }
    double[] out = probe.outputEnergy(net);
    assertThat(out).hasSize(P / 2 + 1);
    assertThat(Arrays.stream(out).sum()).isPositive();
  }

  @Test
  void theLogitsAreTheWholeNetworks() {
    RunSpec spec = spec();
    MultiLayerNetwork net = ModularMlp.create(spec);
    for (int l = 0; l <= 2; l++) {
      net.getParam(ModularMlp.biasKey(l)).assign(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType
          .DOUBLE, net.getParam(ModularMlp.biasKey(l)).shape()).subi(0.5));
    }
    FourierProbe probe = FourierProbe.of(ModularTask.split(P, 0.5, 3), Encoding.SUM);
    double[][] logits = probe.logits(net);
    Batch all = Batch.of(ModularTask.split(P, 0.5, 3).train(), Encoding.SUM,
        org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    double[][] probabilities = net.output(all.x()).toDoubleMatrix();
    int[] pairs = ModularTask.split(P, 0.5, 3).train().pairs();
    for (int i = 0; i < pairs.length; i++) {
      double[] z = logits[pairs[i]];
      double max = Arrays.stream(z).max().orElseThrow();
      double sum = Arrays.stream(z).map(v -> Math.exp(v - max)).sum();
      for (int c = 0; c < P; c++) {
        assertThat(Math.exp(z[c] - max) / sum).isCloseTo(probabilities[i][c], within(1e-12));
      }
    }
  }

  @Test
  void aTrainingRunMeasuresTheFirstLayerAndLeavesTheOutputSideEmpty() throws Exception {
    RunSpec spec = spec();
    ModularTask data = ModularTask.split(P, 0.5, 3);
    ModelFamilies.Built built = ModelFamilies.create(spec, data);
    assertThat(built.model()).isInstanceOf(DeepMlpModel.class);
    MultiLayerNetwork net = ((DeepMlpModel) built.model()).network();
    FourierProbe fourier = FourierProbe.of(data, Encoding.SUM);
    ModelProbe probe = built.probe();
    List<ModelProbe.Neuron> initial = probe.initial();
    assertThat(initial).hasSize(16).allSatisfy(n -> {
      assertThat(n.magnitude()).isPositive();
      assertThat(n.magnitudeOut()).isNull();
      assertThat(n.phaseOut()).isNull();
      assertThat(n.predictedFrequency()).isNull();
      assertThat(n.predictedFrequencyProduct()).isNull();
    });
    List<ModelProbe.Reading> readings = new ArrayList<>();
    Trainer.Probe recording = (row, logits) -> {
      double[][] expected = fourier.logits(net);
      for (int i = 0; i < P * P; i++) {
        for (int c = 0; c < P; c++) {
          assertThat(logits[i][c]).isCloseTo(expected[i][c], within(1e-12));
        }
      }
      ModelProbe.Reading reading = probe.measure(row, logits);
      assertThat(reading.energyOut()).containsExactly(fourier.outputEnergy(net));
      readings.add(reading);
      return reading.row();
    };
    Trainer.Result result = new Trainer(spec, built.model(), data).run(row -> {}, recording);

    assertThat(readings).hasSize(3).allSatisfy(r -> {
      assertThat(r.row().ipr()).isBetween(1.0 / 5, 1.0);
      assertThat(r.row().fourierSparsity()).isBetween(0.0, 1.0);
      assertThat(r.row().phaseMisalignment()).isNull();
      assertThat(r.row().restrictedLoss()).isPositive();
      assertThat(r.row().excludedLoss()).isPositive();
    });
    ModelProbe.Final last = probe.finish(result.stepsRun());
    assertThat(last.mechanisms().hitRate()).isNull();
    assertThat(last.mechanisms().productHitRate()).isNull();
    assertThat(last.mechanisms().keyFrequencies()).isNotEmpty();
    assertThat(last.mechanisms().majorityVoting()).isNotEmpty();
  }
}
