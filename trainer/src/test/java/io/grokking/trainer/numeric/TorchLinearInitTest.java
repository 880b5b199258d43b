package io.grokking.trainer.numeric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.numeric.TorchLinearInit.Linear;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Against torch 1.13.1 (Debian python3-torch), which printed, with {@code bits} the sum of the
 * float32 bit patterns mod 2^32 (so every value is checked, bit for bit):
 * <pre>
 * import torch, numpy as np
 * def bits(t):
 *     return int(np.asarray(t.detach().numpy(), dtype=np.float32).view(np.uint32)
 *                .astype(np.uint64).sum() % 2**32)
 * for seed in (0, 3):   # parity-nn's FF1(40, 1000): its two layers, in its order
 *     torch.manual_seed(seed)
 *     l1 = torch.nn.Linear(40, 1000); l2 = torch.nn.Linear(1000, 1, bias=False)
 *     w, b, v = l1.weight, l1.bias, l2.weight
 *     print([x.item() for x in w[0, :3]], [x.item() for x in w[999, 37:]],
 *           [x.item() for x in b[:3]], [x.item() for x in v[0, :3]],
 *           [x.item() for x in v[0, 998:]], bits(w), bits(b), bits(v))
 *     print(torch.empty((), dtype=torch.int64).random_().item())   # what init left behind
 * torch.manual_seed(5); lin = torch.nn.Linear(5, 3); print(lin.weight.tolist(), lin.bias.tolist())
 * </pre>
 */
class TorchLinearInitTest {

  @ParameterizedTest
  @CsvSource({
      "0, -0.001183770247735083, 0.08481917530298233, -0.13013486564159393, 568262764, "
          + "3784235120, 3469873717, 3086921401925719274",
      "3, -0.1567656397819519, -0.12472991645336151, -0.06772255152463913, 1955548429, "
          + "398986192, 1836218366, 8687095122383691185"})
  void parityNetworkMatchesTorchBitForBit(long seed, double w0, double w1, double w2,
      long weightBits, long biasBits, long outputBits, long next) {
    TorchGenerator g = new TorchGenerator(seed);
    Linear first = TorchLinearInit.draw(g, 40, 1000, true);
    Linear second = TorchLinearInit.draw(g, 1000, 1, false);
    assertThat(Arrays.copyOfRange(first.weight(), 0, 3)).containsExactly(f(w0), f(w1), f(w2));
    assertThat(second.bias()).isNull();
    assertThat(bitSum(first.weight())).isEqualTo(weightBits);
    assertThat(bitSum(first.bias())).isEqualTo(biasBits);
    assertThat(bitSum(second.weight())).isEqualTo(outputBits);
    assertThat(nextInt64(g)).isEqualTo(next);
  }

  @Test
  void seedZerosLastRowBiasesAndOutputWeightsMatchTorch() {
    TorchGenerator g = new TorchGenerator(0);
    Linear first = TorchLinearInit.draw(g, 40, 1000, true);
    Linear second = TorchLinearInit.draw(g, 1000, 1, false);
    assertThat(Arrays.copyOfRange(first.weight(), 999 * 40 + 37, 1000 * 40))
        .containsExactly(f(-0.15727628767490387), f(-0.08633635938167572),
            f(-0.062087204307317734));
    assertThat(Arrays.copyOfRange(first.bias(), 0, 3))
        .containsExactly(f(-0.0327998623251915), f(-0.15194448828697205),
            f(0.011411176063120365));
    assertThat(Arrays.copyOfRange(second.weight(), 0, 3))
        .containsExactly(f(-0.005593670066446066), f(0.007151438854634762),
            f(0.01555278804153204));
    assertThat(Arrays.copyOfRange(second.weight(), 998, 1000))
        .containsExactly(f(-0.002983050188049674), f(-0.024205060675740242));
  }

  @Test
  void smallLayerWithBiasMatchesTorch() {
    Linear layer = TorchLinearInit.draw(new TorchGenerator(5), 5, 3, true);
    assertThat(layer.weight()).containsExactly(
        f(0.29538625478744507), f(-0.33441656827926636), f(0.36445197463035583),
        f(0.2861514389514923), f(0.37575191259384155),
        f(-0.3428829312324524), f(-0.30017733573913574), f(0.21280157566070557),
        f(-0.4174607992172241), f(0.4420122504234314),
        f(0.09519259631633759), f(0.05775429308414459), f(-0.38244616985321045),
        f(0.14251708984375), f(0.1923069953918457));
    assertThat(layer.bias()).containsExactly(f(0.07095274329185486), f(0.43015411496162415),
        f(0.13430596888065338));
  }

  @Test
  void boundsAreOneOverRootFanIn() {
    for (int fanIn : new int[] {1, 5, 40, 1000, 97 * 2}) {
      assertThat(TorchLinearInit.weightBound(fanIn)).isCloseTo(1 / Math.sqrt(fanIn), within(1e-15));
      assertThat(TorchLinearInit.biasBound(fanIn)).isEqualTo(1 / Math.sqrt(fanIn));
    }
    Linear layer = TorchLinearInit.draw(new TorchGenerator(9), 1000, 50, true);
    float bound = (float) (1 / Math.sqrt(1000));
    for (float w : layer.weight()) {
      assertThat(w).isBetween(-bound, bound);
    }
    for (float b : layer.bias()) {
      assertThat(b).isBetween(-bound, bound);
    }
  }

  private static float f(double printed) {
    return (float) printed;
  }

  private static long bitSum(float[] values) {
    int sum = 0;
    for (float v : values) {
      sum += Float.floatToRawIntBits(v);
    }
    return Integer.toUnsignedLong(sum);
  }

  /** {@code torch.empty((), dtype=torch.int64).random_()}: a 64-bit draw modulo 2^63. */
  private static long nextInt64(TorchGenerator g) {
    long high = g.random();
    return ((high << 32) | g.random()) & Long.MAX_VALUE;
  }
}
