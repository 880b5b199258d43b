package io.grokking.analysis.refine;

import io.grokking.analysis.render.Axis;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * The points a refinement of {@code rounds} rounds can reach along one diagram axis: the coarse
 * values the configuration gives, and between each two neighbours 2^rounds − 1 more, each round
 * halving the spacing. Points are addressed by their fine index, 0 … {@link #size()} − 1; coarse
 * value k sits at k · {@link #step()}. Between two coarse values the points are equally spaced,
 * in value on a linear axis and in log on a geometric one ({@link Axis#isGeometric}, the rule
 * that draws the axis on a log scale), so a midpoint is the arithmetic or the geometric mean of
 * its neighbours. Values are rounded to 12 significant digits, as the axis shortcuts round theirs,
 * so a point's value, and with it its run id, does not depend on floating-point noise.
 *
 * @param coarse    the configured values, ascending and distinct, at least two
 * @param rounds    refinement rounds R ≥ 0
 * @param geometric whether midpoints are geometric means
 */
public record Lattice(List<Double> coarse, int rounds, boolean geometric) {
  private static final MathContext DIGITS = new MathContext(12);
  /** Two values closer than this, relative to their size, are the same lattice point. */
  private static final double SAME = 1e-9;
  /** Beyond this many rounds the lattice would outgrow any grid the sweep accepts. */
  public static final int MAX_ROUNDS = 10;

  public Lattice {
    coarse = List.copyOf(coarse);
    if (coarse.size() < 2) {
      throw new IllegalArgumentException("A lattice needs at least two coarse values, found "
          + coarse);
    }
    for (int k = 1; k < coarse.size(); k++) {
      if (!(coarse.get(k) > coarse.get(k - 1))) {
        throw new IllegalArgumentException("Coarse values must ascend, found " + coarse);
      }
    }
    if (rounds < 0 || rounds > MAX_ROUNDS) {
      throw new IllegalArgumentException("rounds must be in 0.." + MAX_ROUNDS + ", found "
          + rounds);
    }
    if (geometric && coarse.get(0) <= 0) {
      throw new IllegalArgumentException("A geometric lattice needs values > 0, found " + coarse);
    }
  }

  /** The lattice over {@code values} (any order, duplicates dropped), geometric by axis rule. */
  public static Lattice of(List<Double> values, int rounds) {
    List<Double> ascending = List.copyOf(new TreeSet<>(values));
    return new Lattice(ascending, rounds, Axis.isGeometric(ascending));
  }

  /** Fine indices from one coarse value to the next: 2^rounds. */
  public int step() {
    return 1 << rounds;
  }

  /** How many points the lattice has: (coarse values − 1) · 2^rounds + 1. */
  public int size() {
    return (coarse.size() - 1) * step() + 1;
  }

  /** The value at fine index {@code i}; a coarse index gives the configured value itself. */
  public double value(int i) {
    if (i < 0 || i >= size()) {
      throw new IndexOutOfBoundsException("fine index " + i + " outside 0.." + (size() - 1));
    }
    if (i % step() == 0) {
      return coarse.get(i / step());
    }
    return new BigDecimal(valueAt(i)).round(DIGITS).doubleValue();
  }

  /**
   * The value at a fractional fine index, unrounded: between lattice points (and half a coarse
   * step beyond either end, where a diagram's outer cells reach) by the same interpolation.
   */
  public double valueAt(double fine) {
    int k = (int) Math.floor(fine / step());
    k = Math.max(0, Math.min(coarse.size() - 2, k));
    double a = coarse.get(k);
    double b = coarse.get(k + 1);
    double t = fine / step() - k;
    return geometric ? a * Math.pow(b / a, t) : a + t * (b - a);
  }

  /** The fractional fine index of {@code value}, the inverse of {@link #valueAt}. */
  public double fineIndexOf(double value) {
    int k = 0;
    while (k < coarse.size() - 2 && value > coarse.get(k + 1)) {
      k++;
    }
    double a = coarse.get(k);
    double b = coarse.get(k + 1);
    double t = geometric ? Math.log(value / a) / Math.log(b / a) : (value - a) / (b - a);
    return (k + t) * step();
  }

  /** The fine index whose value is {@code value}, or empty when no lattice point has it. */
  public OptionalInt index(double value) {
    if (!Double.isFinite(value) || (geometric && value <= 0)) {
      return OptionalInt.empty();
    }
    long nearest = Math.round(fineIndexOf(value));
    if (nearest < 0 || nearest >= size()) {
      return OptionalInt.empty();
    }
    int i = (int) nearest;
    double v = value(i);
    boolean same = v == value || Math.abs(v - value) <= SAME * Math.max(Math.abs(v),
        Math.abs(value));
    return same ? OptionalInt.of(i) : OptionalInt.empty();
  }

  /**
   * The round that first reaches fine index {@code i}: 0 for a coarse value, R for a point only
   * the last round adds.
   */
  public int level(int i) {
    return i % step() == 0 ? 0 : rounds - Integer.numberOfTrailingZeros(i);
  }
}
