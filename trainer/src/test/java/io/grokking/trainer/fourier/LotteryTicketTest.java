package io.grokking.trainer.fourier;

import static io.grokking.trainer.fourier.SyntheticWeights.concat;
import static io.grokking.trainer.fourier.SyntheticWeights.cosine;
import static io.grokking.trainer.fourier.SyntheticWeights.plus;
import static io.grokking.trainer.fourier.SyntheticWeights.wIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LotteryTicketTest {
  private static final int P = 23;
  private static final int K = 11;

  /**
   * Neuron j has α = β = 0.8 at its ticket k_j (product 0.64) and a decoy at k_j + 1 with α = 1.2,
   * β = 0.3 (product 0.36, but more energy: 1.53 against 1.28), every other frequency at 0.3 and
   * 0.3 (product 0.09), all at random phases. The product rule must pick k_j where the energy
   * rule picks the decoy.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void predictsTheFrequencyWithTheLargestInitialMagnitudeProduct(boolean concat) {
    Random random = new Random(3);
    int width = 20;
    int[] ticket = new int[width];
    double[][] in = new double[width][];
    double[][] out = new double[width][];
    for (int j = 0; j < width; j++) {
      ticket[j] = 1 + j % (K - 1);
      double[] a = new double[P];
      double[] o = new double[P];
      for (int k = 1; k <= K; k++) {
        double alpha = k == ticket[j] ? 0.8 : k == ticket[j] + 1 ? 1.2 : 0.3;
        double beta = k == ticket[j] ? 0.8 : k == ticket[j] + 1 ? 0.3 : 0.3;
        a = plus(a, cosine(P, k, alpha, 2 * Math.PI * random.nextDouble()));
        o = plus(o, cosine(P, k, beta, 2 * Math.PI * random.nextDouble()));
      }
      in[j] = concat ? concat(a, cosine(P, 1, 5.0, 0.0)) : a;  // b's weights play no part
      out[j] = o;
    }
    int[] predicted = LotteryTicket.predict(wIn(in), out, P, concat);
    assertThat(predicted).containsExactly(ticket);
    int[] decoy = FourierAnalysis.dominant(FourierAnalysis.analyze(wIn(in), out, P, concat));
    if (!concat) {
      assertThat(decoy).containsExactly(Arrays.stream(ticket).map(k -> k + 1).toArray());
    }
    assertThat(LotteryTicket.hitRate(predicted, ticket)).isEqualTo(1.0);
  }

  @Test
  void hitRateIsTheExactShareOfMatches() {
    int[] predicted = {1, 2, 3, 4, 5, 6, 7, 8};
    int[] actual = {1, 9, 3, 9, 9, 6, 9, 9};
    assertThat(LotteryTicket.hitRate(predicted, actual)).isEqualTo(0.375);
    assertThat(LotteryTicket.hitRate(new int[] {4}, new int[] {5})).isEqualTo(0.0);
  }

  @ParameterizedTest
  @CsvSource({"23, 11", "113, 56", "97, 48", "10, 5"})
  void chanceIsOneOverTheNumberOfNonConstantFrequencies(int p, int k) {
    assertThat(LotteryTicket.chance(p)).isCloseTo(1.0 / k, within(1e-15));
  }

  @Test
  void hitRateRejectsMismatchedOrEmptyInputs() {
    assertThatThrownBy(() -> LotteryTicket.hitRate(new int[2], new int[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("predicted and final frequencies must cover the same neurons, found 2 and 3");
    assertThatThrownBy(() -> LotteryTicket.hitRate(new int[0], new int[0]))
        .hasMessage("hit rate needs at least one neuron, found 0");
  }
}
