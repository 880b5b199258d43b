package io.grokking.trainer.task.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokking.trainer.config.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The samples are the reference's own: CPython 3.11 printed these with the sampling of
 * parity-nn @41c7339 {@code utils.parity} (its torch.Tensor wrapping left out):
 * <pre>
 * import random, math
 * def parity(n, k, m, seed):
 *     random.seed(seed)
 *     s = [[random.choice([-1, 1]) for j in range(n)] for i in range(m)]
 *     return s, [math.prod(r[:k]) for r in s]
 * for seed in (0, 17, 2001):
 *     s, y = parity(40, 3, 1000 if seed != 2001 else 100, seed)
 *     print(seed, "".join('+' if v > 0 else '-' for v in s[0]),
 *           "".join('+' if v > 0 else '-' for v in s[-1]), sum(y),
 *           sum(v * ((i * 40 + j) % 7 + 1) for i, r in enumerate(s) for j, v in enumerate(r)))
 * </pre>
 */
class SparseParityTest {
  private static final SparseParity DEFAULTS = SparseParity.defaults();

  @Test
  void theDefaultsAreTheReferences() {
    assertThat(DEFAULTS).isEqualTo(new SparseParity(40, 3, 1000, 100));
  }

  @Test
  void seedZeroTrainsOnTheReferencesSamples() {
    assertReference(DEFAULTS.train(0), "++-++++++--+--+-+--++-+++-+++---+-++-+--",
        "++++++---++++--+-+---+-+--------++-+-+++", 8, -897);
  }

  @Test
  void seedOneDrawsFromSeventeen() {
    assertReference(DEFAULTS.train(1), "++++-+---+++++------+--++-+-++-++-+-++-+",
        "--+++++++-++---+-+--+-+--+----++++++--++", 20, -1249);
  }

  @Test
  void theTestSamplesComeFromSeed2001() {
    assertReference(DEFAULTS.test(), "-+-----++--+-+-++++++-+++-++-+---+--+++-",
        "-+--+-+++++-----+---+-++++-++-+-++-++---", 10, -166);
  }

  @Test
  void everyLabelIsTheProductOfTheFirstKBits() {
    ParitySamples s = new SparseParity(12, 5, 300, 10).train(4);
    for (int row = 0; row < s.rows(); row++) {
      float product = 1;
      for (int j = 0; j < 5; j++) {
        product *= s.bit(row, j);
      }
      assertThat(s.y()[row]).isEqualTo(product);
      assertThat(s.classOf(row)).isEqualTo(product > 0 ? 1 : 0);
    }
    assertThat(s.x()).containsOnly(-1f, 1f);
  }

  @Test
  void theSameSeedDrawsTheSameSamplesAndAnotherSeedOthers() {
    assertThat(DEFAULTS.train(3).x()).isEqualTo(DEFAULTS.train(3).x());
    assertThat(DEFAULTS.train(3).x()).isNotEqualTo(DEFAULTS.train(4).x());
  }

  @ParameterizedTest
  @CsvSource({
      "0, 1, 10, 10, task.parity-n, 'an integer >= 1', 0",
      "40, 41, 10, 10, task.parity-k, '[1, task.parity-n = 40]', 41",
      "40, 0, 10, 10, task.parity-k, '[1, task.parity-n = 40]', 0",
      "40, -2, 10, 10, task.parity-k, '[1, task.parity-n = 40]', -2",
      "40, 3, 0, 10, task.train-samples, '[1, 53687091]', 0",
      "40, 3, -5, 10, task.train-samples, '[1, 53687091]', -5",
      "40, 3, 10, 0, task.test-samples, '[1, 53687091]', 0",
      "40, 3, 10, 53687092, task.test-samples, '[1, 53687091]', 53687092",
  })
  void badValuesNameTheKeyTheRangeAndTheValue(int n, int k, int train, int test, String key,
      String range, String found) {
    assertThatThrownBy(() -> new SparseParity(n, k, train, test))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
        .hasMessageContaining(range)
        .hasMessageEndingWith("found " + found);
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "40, 1", "40, 40"})
  void kMayBeAnythingFromOneToN(int n, int k) {
    assertThat(new SparseParity(n, k, 1, 1).train(0).rows()).isEqualTo(1);
  }

  private static void assertReference(ParitySamples s, String first, String last, int labelSum,
      int checksum) {
    assertThat(signs(s, 0)).isEqualTo(first);
    assertThat(signs(s, s.rows() - 1)).isEqualTo(last);
    double sum = 0;
    for (float label : s.y()) {
      sum += label;
    }
    assertThat(sum).isEqualTo(labelSum);
    long weighted = 0;
    for (int i = 0; i < s.x().length; i++) {
      weighted += (long) s.x()[i] * (i % 7 + 1);
    }
    assertThat(weighted).isEqualTo(checksum);
  }

  private static String signs(ParitySamples s, int row) {
    StringBuilder b = new StringBuilder();
    for (int j = 0; j < s.bits(); j++) {
      b.append(s.bit(row, j) > 0 ? '+' : '-');
    }
    return b.toString();
  }
}
