package io.grokking.trainer.fourier;

/**
 * The real orthonormal Fourier basis of Z_p: the constant 1/√p, then for each frequency
 * k = 1..K the pair √(2/p)·cos(ω_k n) and √(2/p)·sin(ω_k n), ω_k = 2πk/p. K = ⌊p/2⌋: for odd p
 * that is (p−1)/2; for even p the last frequency k = p/2 (Nyquist) has only its cosine (−1)^n/√p,
 * since its sine vanishes on the integers.
 *
 * <p>Because the basis is orthonormal, the energies of a vector's projections over k = 0..K sum to
 * its squared norm. A vector v[n] = A·cos(ω_k n + φ) projects to c = A√(p/2)·cos φ on the cosine
 * and s = −A√(p/2)·sin φ on the sine, so {@link #project} reports the amplitude A = √((c²+s²)·2/p)
 * and the phase φ = atan2(−s, c) of He et al. 2026 (Sec. 2, θ[n] = α·cos(ω_k n + φ)).
 */
public final class FourierBasis {
  private final int modulus;
  private final int frequencies;
  /** cos[k] is the unit cosine vector of frequency k, cos[0] the constant. */
  private final double[][] cos;
  /** sin[k] is the unit sine vector of frequency k, null for k = 0 and the Nyquist frequency. */
  private final double[][] sin;

  private FourierBasis(int modulus) {
    this.modulus = modulus;
    this.frequencies = modulus / 2;
    this.cos = new double[frequencies + 1][modulus];
    this.sin = new double[frequencies + 1][];
    for (int k = 0; k <= frequencies; k++) {
      boolean paired = k > 0 && 2 * k != modulus;
      double norm = paired ? Math.sqrt(2.0 / modulus) : 1.0 / Math.sqrt(modulus);
      if (paired) {
        sin[k] = new double[modulus];
      }
      for (int n = 0; n < modulus; n++) {
        // Reducing k·n mod p first keeps the angle small and the table exactly periodic.
        double angle = 2 * Math.PI * ((long) k * n % modulus) / modulus;
        cos[k][n] = norm * Math.cos(angle);
        if (paired) {
          sin[k][n] = norm * Math.sin(angle);
        }
      }
    }
  }

  /** The basis of Z_p; p must be at least 3 so that there is a non-constant frequency. */
  public static FourierBasis of(int modulus) {
    if (modulus < 3) {
      throw new IllegalArgumentException("modulus must be 3 or greater, found " + modulus);
    }
    return new FourierBasis(modulus);
  }

  public int modulus() {
    return modulus;
  }

  /** K = ⌊p/2⌋, the number of non-constant frequencies. */
  public int frequencies() {
    return frequencies;
  }

  /** Whether frequency k has a sine partner (false for the constant and the Nyquist frequency). */
  public boolean paired(int k) {
    checkFrequency(k);
    return sin[k] != null;
  }

  /**
   * Per-frequency energy, amplitude and phase of a length-p vector, indexed k = 0..K. For a
   * frequency without a sine partner the phase is 0 or π, the sign of its cosine coefficient.
   */
  public Spectrum project(double[] v) {
    checkLength(v);
    double[] energy = new double[frequencies + 1];
    double[] amplitude = new double[frequencies + 1];
    double[] phase = new double[frequencies + 1];
    for (int k = 0; k <= frequencies; k++) {
      double c = dot(cos[k], v);
      if (sin[k] == null) {
        energy[k] = c * c;
        amplitude[k] = Math.abs(c) / Math.sqrt(modulus);
        phase[k] = c < 0 ? Math.PI : 0.0;
      } else {
        double s = dot(sin[k], v);
        energy[k] = c * c + s * s;
        amplitude[k] = Math.sqrt(energy[k] * 2.0 / modulus);
        phase[k] = Math.atan2(-s, c);
      }
    }
    return new Spectrum(energy, amplitude, phase);
  }

  /** The orthogonal projection of v onto the (one- or two-dimensional) subspace of frequency k. */
  public double[] component(double[] v, int k) {
    checkLength(v);
    checkFrequency(k);
    double[] out = new double[modulus];
    addScaled(out, cos[k], dot(cos[k], v));
    if (sin[k] != null) {
      addScaled(out, sin[k], dot(sin[k], v));
    }
    return out;
  }

  /**
   * A vector's Fourier content, each array indexed by frequency k = 0..K: energy is the squared
   * norm of the projection (they sum to ‖v‖²), amplitude the A and phase the φ of A·cos(ω_k n + φ).
   */
  public record Spectrum(double[] energy, double[] amplitude, double[] phase) {
    /** Total energy over the non-constant frequencies k = 1..K. */
    public double nonConstantEnergy() {
      double total = 0;
      for (int k = 1; k < energy.length; k++) {
        total += energy[k];
      }
      return total;
    }
  }

  private void checkLength(double[] v) {
    if (v.length != modulus) {
      throw new IllegalArgumentException(
          "vector length must equal the modulus " + modulus + ", found " + v.length);
    }
  }

  private void checkFrequency(int k) {
    if (k < 0 || k > frequencies) {
      throw new IllegalArgumentException(
          "frequency must be in [0, " + frequencies + "] for p = " + modulus + ", found " + k);
    }
  }

  private static double dot(double[] x, double[] y) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += x[i] * y[i];
    }
    return sum;
  }

  private static void addScaled(double[] out, double[] x, double scale) {
    for (int i = 0; i < out.length; i++) {
      out[i] += scale * x[i];
    }
  }
}
