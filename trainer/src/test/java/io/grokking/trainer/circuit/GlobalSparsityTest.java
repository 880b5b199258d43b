package io.grokking.trainer.circuit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.circuit.GlobalSparsity.Circuit;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Worked by hand on a three-neuron network over the four points of {±1}², and checked against a
 * brute-force search that runs the masked forward pass for every k.
 */
class GlobalSparsityTest {
  /** The inputs (x0, x1): (1, 1), (1, −1), (−1, 1), (−1, −1). */
  private static final float[] X = {1, 1, 1, -1, -1, 1, -1, -1};

  /**
   * Neuron 0: relu(3·x0), out +1, norm 3. Neuron 1: relu(−2·x0), out −1, norm 2. Neuron 2:
   * relu(x1), out {@code third}, norm 1. Scores: 3 + third, 3, −2 + third, −2.
   */
  private static ScalarMlp net(double third) {
    return new ScalarMlp(2, 3, new double[] {3, 0, -2, 0, 0, 1}, null,
        new double[] {1, -1, third});
  }

  @Test
  void neuronNormsAreTheIncomingWeightNorms() {
    assertThat(net(0.5).neuronNorms()).containsExactly(3, 2, 1);
    ScalarMlp wide = new ScalarMlp(2, 2, new double[] {3, 4, -1, 0}, new double[] {9, 9},
        new double[] {1, 1});
    assertThat(wide.neuronNorms()).containsExactly(5, 1);
  }

  @Test
  void labelsOfXZeroNeedTheTwoLargestNeurons() {
    float[] y = {1, 1, -1, -1};
    ScalarMlp net = net(0.5);
    assertThat(net.accuracy(X, y)).isEqualTo(1.0);
    // top 1: scores 3, 3, 0, 0, so 2 of 4; top 2: 3, 3, −2, −2, all 4
    Circuit circuit = GlobalSparsity.of(net, X, y);
    assertThat(circuit.neurons()).containsExactly(0, 1);
    assertThat(circuit.accuracy()).isEqualTo(1.0);
  }

  @Test
  void aSubnetworkMustReproduceTheAccuracyNotBeatIt() {
    float[] y = {1, 1, -1, -1};
    ScalarMlp net = net(-4); // the weakest neuron spoils row (1, 1): score −1
    assertThat(net.accuracy(X, y)).isEqualTo(0.75);
    assertThat(net.accuracy(X, y, new int[] {0, 1})).isEqualTo(1.0);
    Circuit circuit = GlobalSparsity.of(net, X, y);
    assertThat(circuit.size()).isEqualTo(3);
    assertThat(circuit.accuracy()).isEqualTo(0.75);
  }

  @Test
  void accuracyNeedNotGrowWithKSoTheSearchIsLinear() {
    float[] y = {1, 1, 1, 1};
    // neuron 0 is relu(3·x0 + 4): 7 or 1, positive everywhere; neuron 2 adds 1.5 where x1 = 1
    ScalarMlp net = new ScalarMlp(2, 3, new double[] {3, 0, -2, 0, 0, 1}, new double[] {4, 0, 0},
        new double[] {1, -1, 1.5});
    assertThat(net.accuracy(X, y, new int[] {0})).isEqualTo(1.0);
    assertThat(net.accuracy(X, y, new int[] {0, 1})).isEqualTo(0.5); // scores 7, 7, −1, −1
    assertThat(net.accuracy(X, y)).isEqualTo(0.75); // scores 8.5, 7, 0.5, −1
    Circuit circuit = GlobalSparsity.of(net, X, y);
    assertThat(circuit.size()).isEqualTo(3);
    assertThat(circuit.accuracy()).isEqualTo(0.75);
  }

  @Test
  void equalNormsGoToTheLowerIndexFirst() {
    assertThat(GlobalSparsity.byDecreasingNorm(new double[] {1, 3, 3, 2}))
        .containsExactly(1, 2, 3, 0);
  }

  @Test
  void matchesABruteForceSearchOnRandomNetworks() {
    SplittableRandom random = new SplittableRandom(12);
    for (int trial = 0; trial < 20; trial++) {
      int inputs = 6;
      int hidden = 25;
      int rows = 40;
      double[] w1 = random.doubles(inputs * hidden, -1, 1).toArray();
      double[] b1 = random.doubles(hidden, -0.5, 0.5).toArray();
      double[] w2 = random.doubles(hidden, -1, 1).toArray();
      ScalarMlp net = new ScalarMlp(inputs, hidden, w1, b1, w2);
      float[] x = new float[rows * inputs];
      float[] y = new float[rows];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextBoolean() ? 1 : -1;
      }
      for (int row = 0; row < rows; row++) {
        y[row] = x[row * inputs] * x[row * inputs + 1];
      }
      int[] order = GlobalSparsity.byDecreasingNorm(net.neuronNorms());
      double full = net.accuracy(x, y);
      int expected = hidden;
      for (int k = 1; k <= hidden; k++) {
        if (net.accuracy(x, y, Arrays.copyOf(order, k)) == full) {
          expected = k;
          break;
        }
      }
      Circuit circuit = GlobalSparsity.of(net, x, y);
      assertThat(circuit.size()).isEqualTo(expected);
      assertThat(circuit.accuracy()).isCloseTo(full, within(1e-12));
    }
  }
}
