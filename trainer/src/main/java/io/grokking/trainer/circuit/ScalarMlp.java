package io.grokking.trainer.circuit;

/**
 * The weights of a two-layer ReLU network with one output score, parity-nn's {@code FF1}
 * (Merrill et al. 2023, arXiv:2303.11873): f(x) = Σᵢ w2ᵢ · relu(W1ᵢ · x + b1ᵢ), no output
 * bias.
 * {@code w1} is hidden × inputs, row-major (torch's {@code linear1.weight}); {@code b1} has one
 * value per hidden neuron, or is null for none; {@code w2} has one per hidden neuron. Inputs are
 * rows of {@code inputs} values, row-major; labels are in ±1, and a row is right when
 * sign(f) equals its label (f = 0 is wrong, as the reference's {@code sign(f) == y}).
 */
public record ScalarMlp(int inputs, int hidden, double[] w1, double[] b1, double[] w2) {
  public ScalarMlp {
    boolean biasesFit = b1 == null || b1.length == hidden;
    if (inputs < 1 || hidden < 1 || w1.length != (long) inputs * hidden || w2.length != hidden
        || !biasesFit) {
      throw new IllegalArgumentException("weights must be " + hidden + " × " + inputs + ", "
          + hidden + " biases or none, and " + hidden + " output weights, found " + w1.length
          + ", " + (b1 == null ? "none" : b1.length) + " and " + w2.length);
    }
  }

  /** Each hidden neuron's weight norm ‖W1ᵢ‖₂, as parity-nn logs it ({@code norms['feats']}). */
  public double[] neuronNorms() {
    double[] norms = new double[hidden];
    for (int i = 0; i < hidden; i++) {
      double sum = 0;
      for (int j = 0; j < inputs; j++) {
        double w = w1[i * inputs + j];
        sum += w * w;
      }
      norms[i] = Math.sqrt(sum);
    }
    return norms;
  }

  /** relu(W1ᵢ · x + b1ᵢ) for input row {@code row} of {@code x}. */
  public double activation(int neuron, float[] x, int row) {
    double pre = b1 == null ? 0 : b1[neuron];
    for (int j = 0; j < inputs; j++) {
      pre += w1[neuron * inputs + j] * x[row * inputs + j];
    }
    return Math.max(0, pre);
  }

  /** The fraction of rows the whole network gets right. */
  public double accuracy(float[] x, float[] y) {
    int[] all = new int[hidden];
    for (int i = 0; i < hidden; i++) {
      all[i] = i;
    }
    return accuracy(x, y, all);
  }

  /**
   * The fraction of rows right when only {@code neurons} feed the output and every other hidden
   * activation is zeroed: parity-nn's {@code masked_forward}.
   */
  public double accuracy(float[] x, float[] y, int[] neurons) {
    int right = 0;
    for (int row = 0; row < y.length; row++) {
      double f = 0;
      for (int i : neurons) {
        f += w2[i] * activation(i, x, row);
      }
      right += isRight(f, y[row]) ? 1 : 0;
    }
    return (double) right / y.length;
  }

  static boolean isRight(double score, float label) {
    return score > 0 ? label > 0 : score < 0 && label < 0;
  }
}
