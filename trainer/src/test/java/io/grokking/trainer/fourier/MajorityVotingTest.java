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
        .isEqualTo("k=4:n=7:R=0.00;k=9:n=7:R=1.00;k=10:n=0:R=NaN");
  }

  @Test
  void twoOpposedAndOneOrthogonalPhaseGiveOneThird() {
    List<NeuronSpectrum> n = neurons(new int[] {3, 3, 3},
        new double[] {0.5, 0.5 + Math.PI, 0.5 + Math.PI / 2});
    List<MajorityVoting.FrequencyVote> votes = MajorityVoting.summarize(n, new int[] {3});
    assertThat(votes.get(0).resultantLength()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(MajorityVoting.encode(votes)).isEqualTo("k=3:n=3:R=0.33");
    assertThat(MajorityVoting.encode(List.of())).isEmpty();
  }
}
