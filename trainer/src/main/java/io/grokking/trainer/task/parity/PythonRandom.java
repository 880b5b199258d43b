package io.grokking.trainer.task.parity;

import io.grokking.trainer.numeric.TorchGenerator;

/**
 * The part of CPython's {@code random.Random} that sparse parity's reference draws with:
 * {@code random.seed(int)}, then {@code random.choice} over a two-element list. The engine is the
 * same MT19937 as torch's ({@link TorchGenerator}); only the seeding differs.
 *
 * <p>CPython 3.11, {@code Modules/_randommodule.c}: {@code seed(a)} for an int a splits |a| into
 * 32-bit words, least significant first ({@code [0]} for a = 0), and runs the reference MT19937
 * {@code init_by_array} on them (Matsumoto &amp; Nishimura's mt19937ar.c). {@code Lib/random.py}:
 * {@code choice(seq)} is {@code seq[_randbelow(len(seq))]}; {@code _randbelow(n)} draws
 * {@code getrandbits(n.bit_length())} until the value is below n, and {@code getrandbits(k)} for
 * k ≤ 32 is one 32-bit output shifted right by 32 − k.
 */
final class PythonRandom {
  private static final int N = 624;
  private final TorchGenerator engine;

  /** {@code random.seed(seed)}; Python seeds with |seed|. */
  PythonRandom(long seed) {
    engine = TorchGenerator.fromState(initByArray(keyOf(Math.abs(seed))));
  }

  /** {@code random.getrandbits(bits)} for 1 ≤ bits ≤ 32. */
  long getrandbits(int bits) {
    return engine.random() >>> (32 - bits);
  }

  /** {@code random._randbelow(bound)}: uniform in [0, bound) by rejection. */
  int randbelow(int bound) {
    int bits = 32 - Integer.numberOfLeadingZeros(bound);
    long r = getrandbits(bits);
    while (r >= bound) {
      r = getrandbits(bits);
    }
    return (int) r;
  }

  /** {@code random.choice(options)}. */
  int choice(int... options) {
    return options[randbelow(options.length)];
  }

  private static int[] keyOf(long magnitude) {
    int high = (int) (magnitude >>> 32);
    return high == 0 ? new int[] {(int) magnitude} : new int[] {(int) magnitude, high};
  }

  private static int[] initByArray(int[] key) {
    int[] mt = new int[N];
    mt[0] = 19650218;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    int i = 1;
    int j = 0;
    for (int k = Math.max(N, key.length); k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) {
        j = 0;
      }
    }
    for (int k = N - 1; k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    return mt;
  }
}
