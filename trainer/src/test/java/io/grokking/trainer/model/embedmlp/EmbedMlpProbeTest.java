package io.grokking.trainer.model.embedmlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.model.ModelProbe;
import io.grokking.trainer.model.embedmlp.EmbedMlpShape.Matrix;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The probe on weights built by hand: with W_x = W_y = I, neuron j's weights over a and b are
 * the columns of W's two halves, so neurons made of pure cosines must be found at their
 * frequency and phase; and the equivalent first layer against the product written out.
 */
class EmbedMlpProbeTest {
  private static final int P = 11;

  @Test
  void pureCosineNeuronsAreFoundAtTheirFrequencyAndPhase() {
    int[] k = {1, 3, 5, 2};
    double[] phase = {0.4, -1.1, 2.0, 0.0};
    EmbedMlpShape shape = new EmbedMlpShape(P, P, k.length);
    INDArray flat = shape.zeros(DataType.DOUBLE);
    for (int i = 0; i < P; i++) {
      shape.view(flat, Matrix.W_X).putScalar(i, i, 1.0);
      shape.view(flat, Matrix.W_Y).putScalar(i, i, 1.0);
    }
    for (int j = 0; j < k.length; j++) {
      for (int n = 0; n < P; n++) {
        double w = 2 * Math.PI * k[j] * n / P;
        shape.half(flat, 0).putScalar(n, j, Math.cos(w + phase[j]));
        shape.half(flat, 1).putScalar(n, j, Math.cos(w + phase[j]));
        shape.view(flat, Matrix.W_U).putScalar(j, n, 0.5 * Math.cos(w - 2 * phase[j]));
      }
    }
    EmbedMlpProbe probe = new EmbedMlpProbe(shape, flat);
    List<ModelProbe.Neuron> neurons = probe.initial();
    assertThat(neurons).hasSize(k.length);
    for (int j = 0; j < k.length; j++) {
      ModelProbe.Neuron n = neurons.get(j);
      assertThat(n.frequency()).as("neuron %s", j).isEqualTo(k[j]);
      assertThat(n.magnitude()).isCloseTo(1.0, within(1e-12));
      assertThat(n.magnitudeOut()).isCloseTo(0.5, within(1e-12));
      assertThat(Math.IEEEremainder(n.phaseIn() - phase[j], 2 * Math.PI))
          .isCloseTo(0, within(1e-12));
      assertThat(Math.IEEEremainder(n.phaseOut() + 2 * phase[j], 2 * Math.PI))
          .isCloseTo(0, within(1e-12));
    }
    ModelProbe.Reading r = probe.measure(StepMetrics.train(0, 1.0, 0.5), null);
    assertThat(r.row().nFrequencies()).isEqualTo(4);
    // Parseval: the energies over k sum to the squared entries of W_in and of W_U.
    assertThat(sum(r.energyIn())).isCloseTo(2 * k.length * P / 2.0, within(1e-9));
    assertThat(sum(r.energyOut())).isCloseTo(k.length * 0.25 * P / 2.0, within(1e-9));
    assertThat(r.energyIn()[0]).isCloseTo(0, within(1e-12));
    assertThat(r.energyIn()[3]).isCloseTo(2 * P / 2.0, within(1e-9));
    ModelProbe.Final end = probe.finish(0);
    assertThat(end.mechanisms().keyFrequencies()).isNotNull();
    assertThat(end.mechanisms().hitRate()).isNull();
  }

  @Test
  void inputWeightsAreTheEmbeddingsTimesW() {
    EmbedMlpShape shape = new EmbedMlpShape(P, 6, 5);
    INDArray flat = shape.zeros(DataType.DOUBLE);
    Random random = new Random(1);
    for (long i = 0; i < flat.length(); i++) {
      flat.putScalar(0, i, random.nextGaussian());
    }
    double[][] wIn = new EmbedMlpProbe(shape, flat).inputWeights();
    assertThat(wIn).hasNumberOfRows(2 * P);
    INDArray w = shape.view(flat, Matrix.W);
    for (int side = 0; side < 2; side++) {
      INDArray emb = shape.view(flat, side == 0 ? Matrix.W_X : Matrix.W_Y);
      for (int n = 0; n < P; n++) {
        for (int j = 0; j < 5; j++) {
          double s = 0;
          for (int d = 0; d < 6; d++) {
            s += emb.getDouble(n, d) * w.getDouble(side * 6 + d, j);
          }
          assertThat(wIn[side * P + n][j]).isCloseTo(s, within(1e-12));
        }
      }
    }
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }
}
