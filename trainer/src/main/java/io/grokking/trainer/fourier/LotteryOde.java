package io.grokking.trainer.fourier;

import java.util.List;

/**
 * The lottery ticket from He et al. 2026's early-stage gradient flow (repository
 * {@code Y-Agent/modular-addition-feature-learning}, notebook {@code lottery_mechanism.ipynb}).
 * For one neuron and frequency k, with input magnitude α, output magnitude β and phase
 * misalignment D = 2φ − ψ:
 *
 * <pre>
 *   α̇ = 2p·α·β·cos D,   β̇ = p·α²·cos D,   Ḋ = −p·(4β + α²/β)·sin D,
 * </pre>
 *
 * <p>or, with complex amplitudes a = α·e^{iφ} and b = β·e^{iψ}, ȧ = 2p·ā·b and ḃ = p·a². The
 * frequencies of a neuron evolve independently and the one whose magnitudes blow up first wins the
 * neuron. This class integrates the complex form with classical RK4 (it has no 1/β singularity
 * when β passes through 0) and predicts the k with the smallest blow-up time.
 *
 * <p><b>What is invariant, and so what the inputs must get right.</b> The flow is unchanged by
 * a → a·e^{iθ}, b → b·e^{2iθ}, so only D matters, not φ and ψ apart. It is homogeneous of degree
 * two: if (a(t), b(t)) is a solution so is (c·a(ct), c·b(ct)). Scaling α and β of every frequency
 * by one factor c (a different normalisation of the Fourier basis, or of p) therefore divides all
 * blow-up times by c and leaves the predicted k unchanged; only the ratio of the α and β scales
 * matters. {@link NeuronSpectrum} reports both with the same convention, the A of A·cos(ω_k n + φ)
 * ({@link FourierBasis#project}), which is the paper's θ[n] = α·cos(ω_k n + φ), ξ[n] =
 * β·cos(ω_k n + ψ); the notebook decodes both with one unnormalised cos/sin basis, the same ratio.
 * Two invariants follow from the complex form and are used in the tests: α² − 2β², and
 * Im(a²·b̄) = α²·β·sin D (since d(a²b̄)/dt = p(4α²β² + α⁴) is real).
 *
 * <p><b>Blow-up time.</b> The solution reaches infinity in finite time (except on the measure-zero
 * set a = 0, or D = π exactly with α² < 2β²). The time reported is when the magnitude √(α² + β²)
 * first reaches {@link #DEFAULT_GROWTH} times its start, located within the last step by
 * bisection; the rest of the way to the singularity takes a fraction of order 1/growth of it. The
 * step is tied to the current magnitudes, h = {@link #STEP} / (p·(|a| + |b|)), so it shrinks as
 * the solution speeds up.
 *
 * <p>For {@code concat}, α and φ are those of the weights on a, as in {@link NeuronSpectrum}. For
 * an even p the Nyquist frequency has no sine partner and the two-dimensional derivation does not
 * hold for it; it is integrated as the others.
 */
public final class LotteryOde {
  /** How many times its start the magnitude must grow to count as blown up. */
  public static final double DEFAULT_GROWTH = 1e3;
  /** RK4 step in units of the current time scale 1/(p·(|a| + |b|)). */
  static final double STEP = 0.05;
  /** Steps after which a frequency that has not blown up counts as never blowing up. */
  static final int MAX_STEPS = 1_000_000;

  private LotteryOde() {}

  /** The complex amplitudes a = ar + i·ai and b = br + i·bi at some time. */
  public record State(double ar, double ai, double br, double bi) {
    /** The state with magnitudes α, β and misalignment D, in the gauge φ = 0, ψ = −D. */
    public static State of(double alpha, double beta, double d) {
      return new State(alpha, 0, beta * Math.cos(d), -beta * Math.sin(d));
    }

    public double alpha() {
      return Math.hypot(ar, ai);
    }

    public double beta() {
      return Math.hypot(br, bi);
    }

    /** D = 2φ − ψ in (−π, π]. */
    public double d() {
      // a²·b̄ has argument 2φ − ψ.
      double zr = (ar * ar - ai * ai) * br + 2 * ar * ai * bi;
      double zi = 2 * ar * ai * br - (ar * ar - ai * ai) * bi;
      double angle = Math.atan2(zi, zr);
      return angle == -Math.PI ? Math.PI : angle;
    }

    double magnitude() {
      return Math.sqrt(ar * ar + ai * ai + br * br + bi * bi);
    }
  }

  /** D = 2φ − ψ wrapped to (−π, π]. */
  public static double misalignment(double phi, double psi) {
    double d = Math.IEEEremainder(2 * phi - psi, 2 * Math.PI);
    return d == -Math.PI ? Math.PI : d;
  }

  /** The state reached from {@code start} after time t ≥ 0, with magnitude-tied RK4 steps. */
  public static State evolve(State start, int p, double t) {
    State s = start;
    double time = 0;
    while (time < t) {
      double m = Math.abs(s.ar) + Math.abs(s.ai) + Math.abs(s.br) + Math.abs(s.bi);
      if (m == 0) {
        return s;
      }
      double h = Math.min(STEP / (p * m), t - time);
      s = step(s, p, h);
      time += h;
    }
    return s;
  }

  /**
   * The time at which the magnitude √(α² + β²) first reaches {@code growth} times its start, or
   * +∞ if it does not by {@code horizon} (or within {@link #MAX_STEPS} steps).
   */
  public static double blowUpTime(double alpha, double beta, double d, int p, double growth,
      double horizon) {
    if (!(alpha >= 0) || !(beta >= 0)) {
      throw new IllegalArgumentException(
          "magnitudes must be non-negative, found alpha " + alpha + " and beta " + beta);
    }
    if (!(growth > 1)) {
      throw new IllegalArgumentException("growth must be greater than 1, found " + growth);
    }
    if (alpha == 0) {
      return Double.POSITIVE_INFINITY;  // a = 0 is invariant and b then stays constant
    }
    State s = State.of(alpha, beta, d);
    double start = s.magnitude();
    double target = growth * start;
    double time = 0;
    for (int n = 0; n < MAX_STEPS && time <= horizon; n++) {
      double h = STEP / (p * (Math.abs(s.ar) + Math.abs(s.ai) + Math.abs(s.br) + Math.abs(s.bi)));
      State next = step(s, p, h);
      if (next.magnitude() >= target) {
        double hit = time + crossing(s, p, h, target);
        return hit <= horizon ? hit : Double.POSITIVE_INFINITY;
      }
      s = next;
      time += h;
    }
    return Double.POSITIVE_INFINITY;
  }

  /**
   * Each neuron's predicted frequency: the k ≥ 1 with the smallest blow-up time from its initial
   * α, β and D, the lowest k on ties (also when no frequency blows up).
   */
  public static int[] predict(List<NeuronSpectrum> initial, int p) {
    int[] predicted = new int[initial.size()];
    for (int j = 0; j < predicted.length; j++) {
      FourierBasis.Spectrum in = initial.get(j).input();
      FourierBasis.Spectrum out = initial.get(j).output();
      int best = 1;
      double bestTime = Double.POSITIVE_INFINITY;
      for (int k = 1; k < in.amplitude().length; k++) {
        // A frequency slower than the best so far cannot win: stop it at that time.
        double t = blowUpTime(in.amplitude()[k], out.amplitude()[k],
            misalignment(in.phase()[k], out.phase()[k]), p, DEFAULT_GROWTH, bestTime);
        if (t < bestTime) {
          best = k;
          bestTime = t;
        }
      }
      predicted[j] = best;
    }
    return predicted;
  }

  /** The sub-step in (0, h] after which the magnitude reaches target, by bisection. */
  private static double crossing(State s, int p, double h, double target) {
    double low = 0;
    double high = h;
    for (int i = 0; i < 40; i++) {
      double mid = (low + high) / 2;
      if (step(s, p, mid).magnitude() >= target) {
        high = mid;
      } else {
        low = mid;
      }
    }
    return high;
  }

  /** One classical RK4 step of ȧ = 2p·ā·b, ḃ = p·a². */
  static State step(State s, int p, double h) {
    double[] y = {s.ar, s.ai, s.br, s.bi};
    double[] k1 = rate(y, p);
    double[] k2 = rate(add(y, k1, h / 2), p);
    double[] k3 = rate(add(y, k2, h / 2), p);
    double[] k4 = rate(add(y, k3, h), p);
    double[] out = new double[4];
    for (int i = 0; i < 4; i++) {
      out[i] = y[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
    return new State(out[0], out[1], out[2], out[3]);
  }

  private static double[] rate(double[] y, int p) {
    double ar = y[0];
    double ai = y[1];
    double br = y[2];
    double bi = y[3];
    // ā·b = (ar − i·ai)(br + i·bi); a² = (ar² − ai²) + 2i·ar·ai.
    return new double[] {
        2 * p * (ar * br + ai * bi), 2 * p * (ar * bi - ai * br),
        p * (ar * ar - ai * ai), p * 2 * ar * ai};
  }

  private static double[] add(double[] y, double[] k, double h) {
    return new double[] {y[0] + h * k[0], y[1] + h * k[1], y[2] + h * k[2], y[3] + h * k[3]};
  }
}
