package io.grokking.trainer.numeric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The expected numbers were printed by torch 1.13.1 (Debian python3-torch) with
 * {@code g = torch.Generator().manual_seed(s)} and the calls named in each test, in that order.
 */
class TorchGeneratorTest {

  @Test
  void randpermThenRandnMatchTorchForSeed42() {
    TorchGenerator g = new TorchGenerator(42);
    int[] perm = g.randperm(529);
    assertThat(Arrays.copyOfRange(perm, 0, 10))
        .containsExactly(384, 228, 234, 461, 505, 104, 525, 237, 388, 42);
    assertThat(Arrays.copyOfRange(perm, 524, 529)).containsExactly(496, 402, 140, 302, 401);
    float[] first = g.randn(23 * 512);
    assertThat(first[0]).isCloseTo(1.343851f, within(2e-6f));
    assertThat(first[1]).isCloseTo(-1.2922308f, within(2e-6f));
    assertThat(first[2]).isCloseTo(0.7662441f, within(2e-6f));
    assertThat(first[3]).isCloseTo(0.6454003f, within(2e-6f));
    float[] second = g.randn(23 * 512);
    int n = second.length;
    assertThat(second[n - 3]).isCloseTo(0.2695935f, within(2e-6f));
    assertThat(second[n - 2]).isCloseTo(-0.1700038f, within(2e-6f));
    assertThat(second[n - 1]).isCloseTo(1.4076158f, within(2e-6f));
  }

  @Test
  void largePermutationAndATailThatIsNotAMultipleOf16() {
    TorchGenerator g = new TorchGenerator(0);
    assertThat(Arrays.copyOfRange(g.randperm(9409), 0, 5))
        .containsExactly(2773, 1264, 190, 5515, 452);
    float[] tail = g.randn(40);
    assertThat(tail[36]).isCloseTo(0.1689443f, within(2e-6f));
    assertThat(tail[37]).isCloseTo(0.0491832f, within(2e-6f));
    assertThat(tail[38]).isCloseTo(0.7569903f, within(2e-6f));
    assertThat(tail[39]).isCloseTo(-0.860375f, within(2e-6f));
  }

  @Test
  void discardSkipsAsManyOutputsAsRandomCalls() {
    for (long count : new long[] {0, 1, 623, 624, 625, 5000}) {
      TorchGenerator skipped = new TorchGenerator(3);
      TorchGenerator drawn = new TorchGenerator(3);
      skipped.random();
      drawn.random();
      skipped.discard(count);
      for (long i = 0; i < count; i++) {
        drawn.random();
      }
      assertThat(skipped.random()).isEqualTo(drawn.random());
    }
  }

  @Test
  void everyIndexAppearsOnce() {
    int[] perm = new TorchGenerator(7).randperm(1000);
    assertThat(Arrays.stream(perm).sorted().toArray())
        .isEqualTo(java.util.stream.IntStream.range(0, 1000).toArray());
  }
}
