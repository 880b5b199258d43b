package io.grokking.trainer.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The binary operation of the task, after the operations Power et al. 2022 ("Grokking:
 * Generalization Beyond Overfitting on Small Algorithmic Datasets", table 1) train on. Every
 * operation maps a pair (a, b) of residues mod p to a residue mod p.
 */
public enum Operation {
  ADD("add", true),
  SUB("sub", false),
  MUL("mul", true),
  /** a · b⁻¹ mod p, defined only for b ≠ 0; p must be prime so that every b ≠ 0 has an inverse. */
  DIV("div", false),
  X2_PLUS_Y2("x2+y2", true),
  X2_PLUS_XY_PLUS_Y2("x2+xy+y2", true),
  X3_PLUS_XY("x3+xy", false);

  private final String key;
  private final boolean commutative;

  Operation(String key, boolean commutative) {
    this.key = key;
    this.commutative = commutative;
  }

  /** The value as the user writes it in {@code task.operation}. */
  public String key() {
    return key;
  }

  /** True when op(a, b) = op(b, a) for every pair: only then can the sum encoding learn it. */
  public boolean commutative() {
    return commutative;
  }

  /** True for division, whose pairs leave out b = 0. */
  public boolean excludesZeroDivisor() {
    return this == DIV;
  }

  /**
   * True when He et al. 2026's mechanism of a + b, and the measures built on it (restricted and
   * excluded loss along cos ω(a + b), the phase relation ψ = 2φ, the lottery ticket, majority
   * voting), is defined for this operation; only addition.
   */
  public boolean additiveMechanism() {
    return this == ADD;
  }

  /** op(a, b) mod p for residues a, b in [0, p); for {@link #DIV}, b must not be 0. */
  public int apply(int a, int b, int p) {
    long x = a;
    long y = b;
    long r = switch (this) {
      case ADD -> x + y;
      case SUB -> x - y + p;
      case MUL -> x * y;
      case DIV -> x * inverse(b, p);
      case X2_PLUS_Y2 -> x * x + y * y;
      case X2_PLUS_XY_PLUS_Y2 -> x * x + x * y + y * y;
      case X3_PLUS_XY -> (x * x % p) * x + x * y;
    };
    return (int) (r % p);
  }

  /** b⁻¹ mod p by Fermat's little theorem, b^(p−2); p prime and b ≠ 0. */
  static long inverse(int b, int p) {
    long result = 1;
    long base = b % p;
    for (int e = p - 2; e > 0; e >>= 1) {
      if ((e & 1) == 1) {
        result = result * base % p;
      }
      base = base * base % p;
    }
    return result;
  }

  public static String allowed() {
    return Arrays.stream(values()).map(Operation::key).collect(Collectors.joining(", "));
  }

  public static Operation parse(String key, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (Operation o : values()) {
      if (o.key.equals(v)) {
        return o;
      }
    }
    throw new ConfigException(key, "must be one of " + allowed() + ", found " + value);
  }

  /** True when n is a prime; the moduli of a sweep are small, so trial division is enough. */
  public static boolean isPrime(int n) {
    if (n < 2) {
      return false;
    }
    for (int d = 2; (long) d * d <= n; d++) {
      if (n % d == 0) {
        return false;
      }
    }
    return true;
  }
}
