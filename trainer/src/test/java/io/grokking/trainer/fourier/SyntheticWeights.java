package io.grokking.trainer.fourier;

/** Weights built from known Fourier features, so tests can assert exact recovery. */
final class SyntheticWeights {
  private SyntheticWeights() {}

  /** A·cos(2πkn/p + φ) for n = 0..p−1. */
  static double[] cosine(int p, int k, double amplitude, double phase) {
    double[] v = new double[p];
    for (int n = 0; n < p; n++) {
      v[n] = amplitude * Math.cos(2 * Math.PI * k * n / p + phase);
    }
    return v;
  }

  /** W_in (in × width) whose column j is input[j]; for concat input[j] has length 2p. */
  static double[][] wIn(double[][] input) {
    double[][] w = new double[input[0].length][input.length];
    for (int j = 0; j < input.length; j++) {
      for (int n = 0; n < input[j].length; n++) {
        w[n][j] = input[j][n];
      }
    }
    return w;
  }

  /** φ wrapped into (−π, π]. */
  static double wrap(double angle) {
    double w = Math.IEEEremainder(angle, 2 * Math.PI);
    return w <= -Math.PI ? w + 2 * Math.PI : w;
  }

  /** The signed distance between two angles on the circle. */
  static double angleBetween(double x, double y) {
    return wrap(x - y);
  }

  static double[] plus(double[] x, double[] y) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] + y[i];
    }
    return out;
  }

  static double[] concat(double[] x, double[] y) {
    double[] out = new double[x.length + y.length];
    System.arraycopy(x, 0, out, 0, x.length);
    System.arraycopy(y, 0, out, x.length, y.length);
    return out;
  }
}
