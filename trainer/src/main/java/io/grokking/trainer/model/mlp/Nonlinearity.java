package io.grokking.trainer.model.mlp;

import io.grokking.trainer.config.Activation;

/**
 * The hidden activations and their derivatives over one row, in float64, for {@link
 * DeepMlpPasses}. They are the functions of the network of record's DL4J activations ({@link
 * io.grokking.trainer.model.mlp.ModularMlp}): ReLU with derivative 0 at 0, x², tanh, and the exact
 * GELU x·Φ(x) (PyTorch's default {@code nn.GELU()}), with Φ from {@link #erf} and {@link #erfc}.
 */
final class Nonlinearity {
  private static final double INV_SQRT2 = 1 / Math.sqrt(2);
  private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
  private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
  private static final double INV_SQRT_PI = 1 / Math.sqrt(Math.PI);
  /** Below this |x| erf's power series is used, above it erfc's continued fraction. */
  private static final double SERIES_LIMIT = 2.5;
  /** erfc(6) ≈ 2·10⁻¹⁷ is below half an ulp of 1: erf is ±1 from here on. */
  private static final double SATURATED = 6;
  private static final int FRACTION_TERMS = 80;

  private Nonlinearity() {}

  /** h[j] = act(g[j]) for j &lt; n. */
  static void apply(Activation act, double[] g, double[] h, int n) {
    switch (act) {
      case RELU -> {
        for (int j = 0; j < n; j++) {
          h[j] = g[j] > 0 ? g[j] : 0.0;
        }
      }
      case QUAD -> {
        for (int j = 0; j < n; j++) {
          h[j] = g[j] * g[j];
        }
      }
      case TANH -> {
        for (int j = 0; j < n; j++) {
          h[j] = Math.tanh(g[j]);
        }
      }
      case GELU -> {
        for (int j = 0; j < n; j++) {
          h[j] = g[j] * cdf(g[j]);
        }
      }
    }
  }

  /** d[j] *= act'(g[j]) for j &lt; n: the gradient through the activation. */
  static void backprop(Activation act, double[] g, double[] d, int n) {
    switch (act) {
      case RELU -> {
        for (int j = 0; j < n; j++) {
          d[j] = g[j] > 0 ? d[j] : 0.0;
        }
      }
      case QUAD -> {
        for (int j = 0; j < n; j++) {
          d[j] *= 2 * g[j];
        }
      }
      case TANH -> {
        for (int j = 0; j < n; j++) {
          double t = Math.tanh(g[j]);
          d[j] *= 1 - t * t;
        }
      }
      case GELU -> {
        for (int j = 0; j < n; j++) {
          double x = g[j];
          d[j] *= cdf(x) + x * Math.exp(-0.5 * x * x) * INV_SQRT_2PI;
        }
      }
    }
  }

  /** Φ(x), the standard normal distribution function; erfc on the left tail keeps its digits. */
  static double cdf(double x) {
    double z = x * INV_SQRT2;
    return z < -SERIES_LIMIT ? 0.5 * erfc(-z) : 0.5 * (1 + erf(z));
  }

  /**
   * erf(x) to about an ulp: for |x| ≤ 2.5 by the series erf(x) = 2/√π · e^(−x²) · Σ_n 2ⁿ x^(2n+1) /
   * (1·3·…·(2n+1)), whose terms all have the sign of x, so nothing cancels (Abramowitz &amp; Stegun
   * 7.1.6); beyond, 1 − erfc(x).
   */
  static double erf(double x) {
    double a = Math.abs(x);
    if (Double.isNaN(x)) {
      return x;
    }
    if (a > SERIES_LIMIT) {
      return Math.copySign(a >= SATURATED ? 1.0 : 1 - erfc(a), x);
    }
    double x2 = x * x;
    double term = x;
    double sum = x;
    for (int n = 1; Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= 2 * x2 / (2 * n + 1);
      sum += term;
    }
    return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
  }

  /**
   * erfc(x) for x &gt; 2.5 by its continued fraction erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x
   * + (3/2)/(x + …)))) (Abramowitz &amp; Stegun 7.1.14), evaluated from the tail; 1 − erf(x)
   * below.
   */
  static double erfc(double x) {
    if (x <= SERIES_LIMIT) {
      return 1 - erf(x);
    }
    if (x > 27) {
      return 0.0;  // e^(−x²) underflows
    }
    double f = x;
    for (int n = FRACTION_TERMS; n >= 1; n--) {
      f = x + (n / 2.0) / f;
    }
    return Math.exp(-x * x) * INV_SQRT_PI / f;
  }
}
