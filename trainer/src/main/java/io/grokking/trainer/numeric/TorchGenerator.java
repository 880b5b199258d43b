package io.grokking.trainer.numeric;

/**
 * The random streams of PyTorch's CPU generator, reproduced bit for bit so that a run with seed s
 * draws the same split and (to float rounding) the same initial weights as a PyTorch script that
 * calls {@code torch.Generator().manual_seed(s)}, then {@code torch.randperm(p*p, generator=g)},
 * then {@code torch.randn(..., generator=g)} — the order of the project's PyTorch peer.
 *
 * <p>PyTorch 1.13, {@code aten/src/ATen/core/MT19937RNGEngine.h}: a standard 32-bit MT19937 seeded
 * with {@code init_genrand}; {@code randperm} (TensorFactories.cpp, n below 2^32 / 20) is a
 * Fisher–Yates pass that swaps {@code r[i]} with {@code r[i + random() % (n − i)]};
 * {@code randn} of 16 or more floats (DistributionTemplates.h, {@code normal_fill}) draws every
 * value as a 24-bit uniform first, then turns each block of 16 into normals by Box–Muller
 * (u1 = 1 − data[j], u2 = data[j + 8]), recomputing the last 16 when the size is not a multiple of
 * 16. A unit test pins the first values against numbers printed by torch 1.13.
 */
public final class TorchGenerator {
  private static final int N = 624;
  private static final int M = 397;
  private final int[] mt = new int[N];
  private int index;

  public TorchGenerator(long seed) {
    mt[0] = (int) seed;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    index = N;
  }

  private TorchGenerator(int[] state) {
    System.arraycopy(state, 0, mt, 0, N);
    index = N;
  }

  /**
   * An engine started from the 624 words of an MT19937 state, its first twist still to come: for
   * streams that seed the same engine another way, such as Python's {@code random.seed}
   * ({@code init_by_array}).
   */
  public static TorchGenerator fromState(int[] state) {
    if (state.length != N) {
      throw new IllegalArgumentException("an MT19937 state has " + N + " words, found "
          + state.length);
    }
    return new TorchGenerator(state);
  }

  /** The next 32-bit output, as an unsigned value. */
  public long random() {
    if (index >= N) {
      twist();
    }
    int y = mt[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y & 0xffffffffL;
  }

  /** Skips {@code count} outputs, as that many {@link #random} calls would, untempered. */
  public void discard(long count) {
    while (count > 0) {
      if (index >= N) {
        twist();
      }
      int step = (int) Math.min(count, N - index);
      index += step;
      count -= step;
    }
  }

  private void twist() {
    for (int i = 0; i < N; i++) {
      int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
      mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
    }
    index = 0;
  }

  /** {@code torch.randperm(n, generator=g)}. */
  public int[] randperm(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    for (int i = 0; i < n - 1; i++) {
      int z = (int) (random() % (n - i));
      int saved = r[i];
      r[i] = r[z + i];
      r[z + i] = saved;
    }
    return r;
  }

  /** {@code torch.randn(count, generator=g)} in float32, row-major. */
  public float[] randn(int count) {
    if (count < 16) {
      throw new IllegalArgumentException("randn below 16 values takes another path in torch, found "
          + count);
    }
    float[] data = new float[count];
    for (int i = 0; i < count; i++) {
      data[i] = uniform();
    }
    for (int i = 0; i + 16 <= count; i += 16) {
      boxMuller16(data, i);
    }
    if (count % 16 != 0) {
      int start = count - 16;
      for (int i = 0; i < 16; i++) {
        data[start + i] = uniform();
      }
      boxMuller16(data, start);
    }
    return data;
  }

  private float uniform() {
    return (random() & ((1 << 24) - 1)) * (1.0f / (1 << 24));
  }

  private static void boxMuller16(float[] data, int at) {
    for (int j = 0; j < 8; j++) {
      float u1 = 1 - data[at + j];
      float u2 = data[at + j + 8];
      float radius = (float) Math.sqrt(-2 * (float) Math.log(u1));
      float theta = (float) (2.0f * Math.PI * u2);
      data[at + j] = (float) (radius * Math.cos(theta));
      data[at + j + 8] = (float) (radius * Math.sin(theta));
    }
  }
}
