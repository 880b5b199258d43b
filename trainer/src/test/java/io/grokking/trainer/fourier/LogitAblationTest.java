package io.grokking.trainer.fourier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogitAblationTest {
  private static final int P = 13;
  private static final FourierBasis BASIS = FourierBasis.of(P);
  /** Every third pair: a training set that is neither all inputs nor symmetric in a and b. */
  private static final int[] TRAIN = IntStream.range(0, P * P).filter(i -> i % 3 == 0).toArray();

  private static double w(int k, int x) {
    return 2 * Math.PI * k * x / P;
  }

  /** logits[a·p + b][c] = f(a, b, c). */
  private interface Logit {
    double at(int a, int b, int c);
  }

  private static double[][] logits(Logit f) {
    double[][] z = new double[P * P][P];
    for (int a = 0; a < P; a++) {
      for (int b = 0; b < P; b++) {
        for (int c = 0; c < P; c++) {
          z[a * P + b][c] = f.at(a, b, c);
        }
      }
    }
    return z;
  }

  private static double meanCrossEntropy(double[][] z) {
    double sum = 0;
    for (int pair : TRAIN) {
      sum += LogitAblation.crossEntropy(z[pair], (pair / P + pair % P) % P);
    }
    return sum / TRAIN.length;
  }

  private static double keyPart(int a, int b, int c) {
    return 3 * Math.cos(w(2, a + b - c)) + 2 * Math.cos(w(5, a + b - c) + 0.4);
  }

  @Test
  void logitsMadeOfKeyFrequenciesAreKeptWholeByRestrictionAndRemovedByExclusion() {
    double[][] z = logits(LogitAblationTest::keyPart);
    LogitAblation result = LogitAblation.of(z, BASIS, new int[] {2, 5}, TRAIN);
    double full = meanCrossEntropy(z);
    assertThat(full).isLessThan(Math.log(P));
    assertThat(result.restrictedLoss()).isCloseTo(full, within(1e-12));
    // Nothing is left but zeros, so the prediction is uniform.
    assertThat(result.excludedLoss()).isCloseTo(Math.log(P), within(1e-12));
  }

  @Test
  void restrictionDropsOtherFrequenciesAndInputShiftsButKeepsClassConstants() {
    Logit classConstant = (a, b, c) -> 0.3 * c;
    Logit other = (a, b, c) -> 1.5 * Math.cos(w(3, a + b - c)) + Math.cos(w(4, a - b + c));
    Logit shift = (a, b, c) -> 0.7 * a - 0.2 * b * b;  // the same for every class
    double[][] z = logits((a, b, c) -> keyPart(a, b, c) + classConstant.at(a, b, c)
        + other.at(a, b, c) + shift.at(a, b, c));
    LogitAblation result = LogitAblation.of(z, BASIS, new int[] {5, 2}, TRAIN);
    // Removing the shift leaves the mean over inputs at exactly the class constant.
    double restricted = meanCrossEntropy(logits((a, b, c) -> keyPart(a, b, c)
        + classConstant.at(a, b, c)));
    double excluded = meanCrossEntropy(logits((a, b, c) -> classConstant.at(a, b, c)
        + other.at(a, b, c) + shift.at(a, b, c)));
    assertThat(result.restrictedLoss()).isCloseTo(restricted, within(1e-10));
    assertThat(result.excludedLoss()).isCloseTo(excluded, within(1e-10));
    assertThat(result.restrictedLoss()).isNotCloseTo(meanCrossEntropy(z), within(1e-3));
  }

  @Test
  void noKeyFrequenciesRestrictToClassMeansAndExcludeNothing() {
    double[][] z = logits(LogitAblationTest::keyPart);
    LogitAblation result = LogitAblation.of(z, BASIS, new int[0], TRAIN);
    assertThat(result.excludedLoss()).isCloseTo(meanCrossEntropy(z), within(1e-12));
    assertThat(result.restrictedLoss()).isCloseTo(Math.log(P), within(1e-12));
  }

  @Test
  void crossEntropyIsStableAndExact() {
    assertThat(LogitAblation.crossEntropy(new double[] {0, Math.log(3)}, 1))
        .isCloseTo(-Math.log(0.75), within(1e-15));
    assertThat(LogitAblation.crossEntropy(new double[] {1000, 0}, 1))
        .isCloseTo(1000, within(1e-9));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0|0|key frequencies must be in [1, 6], found 0",
      "7|0|key frequencies must be in [1, 6], found 7",
      "3|3|key frequencies must be distinct, found 3 twice"})
  void rejectsBadKeyFrequencies(int first, int second, String message) {
    int[] keys = second == 0 ? new int[] {first} : new int[] {first, second};
    assertThatThrownBy(() -> LogitAblation.of(new double[P * P][P], BASIS, keys, TRAIN))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void rejectsBadShapesAndPairs() {
    int[] keys = {1};
    assertThatThrownBy(() -> LogitAblation.of(new double[P][P], BASIS, keys, TRAIN))
        .hasMessage("logits must have p² = 169 rows, found 13");
    assertThatThrownBy(() -> LogitAblation.of(new double[P * P][P - 1], BASIS, keys, TRAIN))
        .hasMessage("logits row 0 must have p = 13 entries, found 12");
    assertThatThrownBy(() -> LogitAblation.of(new double[P * P][P], BASIS, keys, new int[] {169}))
        .hasMessage("train pair indices must be in [0, 168], found 169");
    assertThatThrownBy(() -> LogitAblation.of(new double[P * P][P], BASIS, keys, new int[0]))
        .hasMessage("train pairs must not be empty, found 0");
  }
}
