package io.grokking.trainer.fourier;

import static io.grokking.trainer.fourier.SyntheticWeights.cosine;
import static io.grokking.trainer.fourier.SyntheticWeights.wIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MajorityVotingTest {
  private static final int P = 23;

  /** Neurons at the given frequencies and input phases, output phase 2φ. */
  private static List<NeuronSpectrum> neurons(int[] frequency, double[] phase) {
    double[][] in = new double[frequency.length][];
    double[][] out = new double[frequency.length][];
    for (int j = 0; j < frequency.length; j++) {
      in[j] = cosine(P, frequency[j], 1.0, phase[j]);
      out[j] = cosine(P, frequency[j], 1.0, 2 * phase[j]);
    }
    return FourierAnalysis.analyze(wIn(in), out, P, false);
  }

  @Test
  void evenlySpreadPhasesCancelAndIdenticalPhasesAlign() {
    int n = 7;
    int[] frequency = new int[2 * n];
    double[] phase = new double[2 * n];
    for (int j = 0; j < n; j++) {
      frequency[j] = 4;
      phase[j] = 0.3 + 2 * Math.PI * j / n;
      frequency[n + j] = 9;
      phase[n + j] = -1.2;
    }
    List<MajorityVoting.FrequencyVote> votes =
        MajorityVoting.summarize(neurons(frequency, phase), new int[] {4, 9, 10});
    assertThat(votes).extracting(MajorityVoting.FrequencyVote::frequency).containsExactly(4, 9, 10);
    assertThat(votes).extracting(MajorityVoting.FrequencyVote::neurons).containsExactly(7, 7, 0);
    assertThat(votes.get(0).resultantLength()).isCloseTo(0.0, within(1e-12));
    assertThat(votes.get(1).resultantLength()).isCloseTo(1.0, within(1e-12));
    assertThat(votes.get(2).resultantLength()).isNaN();
    assertThat(MajorityVoting.encode(votes))
        .isEqualTo("k=4:n=7:R=0.00:R2=0.00:R3=0.00:R4=0.00;k=9:n=7:R=1.00:R2=1.00:R3=1.00:R4=1.00;"
            + "k=10:n=0:R=NaN:R2=NaN:R3=NaN:R4=NaN");
  }

  @Test
  void twoOpposedAndOneOrthogonalPhaseGiveOneThird() {
    List<NeuronSpectrum> n = neurons(new int[] {3, 3, 3},
        new double[] {0.5, 0.5 + Math.PI, 0.5 + Math.PI / 2});
    List<MajorityVoting.FrequencyVote> votes = MajorityVoting.summarize(n, new int[] {3});
    assertThat(votes.get(0).resultantLength()).isCloseTo(1.0 / 3, within(1e-12));
    // ι = 2: 2φ = 1, 1 + 2π, 1 + π: R_2 = |2e^{i} − e^{i}|/3 = 1/3. ι = 3: 1.5, 1.5 + 3π,
    // 1.5 + 3π/2: |1 − 1 − i|/3 = 1/3. ι = 4: 2, 2 + 4π, 2 + 2π: all equal, R_4 = 1.
    assertThat(votes.get(0).resultantLength(2)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(votes.get(0).resultantLength(3)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(votes.get(0).resultantLength(4)).isCloseTo(1.0, within(1e-12));
    assertThat(MajorityVoting.encode(votes)).isEqualTo("k=3:n=3:R=0.33:R2=0.33:R3=0.33:R4=1.00");
    assertThat(MajorityVoting.encode(List.of())).isEmpty();
  }

  /**
   * Four phases a quarter turn apart cancel for ι = 1, 2 and 3 but coincide for ι = 4; two
   * opposite phases cancel for odd ι and coincide for even ι; three phases a third apart cancel
   * for ι = 1, 2, 4 and coincide for ι = 3.
   */
  @Test
  void harmonicsOfEvenlySpacedPhases() {
    int[] frequency = {2, 2, 2, 2, 5, 5, 7, 7, 7};
    double q = Math.PI / 2;
    double[] phase = {0.2, 0.2 + q, 0.2 + 2 * q, 0.2 + 3 * q, -0.7, -0.7 + Math.PI,
        1.1, 1.1 + 2 * Math.PI / 3, 1.1 + 4 * Math.PI / 3};
    List<MajorityVoting.FrequencyVote> votes =
        MajorityVoting.summarize(neurons(frequency, phase), new int[] {2, 5, 7});
    double[][] expected = {{0, 0, 0, 1}, {0, 1, 0, 1}, {0, 0, 1, 0}};
    for (int v = 0; v < 3; v++) {
      for (int iota = 1; iota <= 4; iota++) {
        assertThat(votes.get(v).resultantLength(iota)).as("k %d, iota %d",
            votes.get(v).frequency(), iota).isCloseTo(expected[v][iota - 1], within(1e-9));
      }
    }
  }
}
