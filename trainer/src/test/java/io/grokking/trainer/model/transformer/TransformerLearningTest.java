package io.grokking.trainer.model.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The fast pass learns: p = 7, all pairs, plain Adam from the initial draw, full accuracy. */
class TransformerLearningTest {

  @Test
  void adamOnAllPairsReachesFullTrainAccuracy() {
    TransformerLayout layout = new TransformerLayout(new TransformerShape(7, 32, 4, 8, 64));
    int[][] pairs = Fixtures.allPairs(7);
    INDArray params = TransformerInit.initialise(layout, 0, DataType.FLOAT);
    INDArray grad = layout.zeros(DataType.FLOAT);
    TransformerPasses passes = new TransformerPasses(layout, pairs[0], pairs[1], pairs[2], params,
        grad);
    int n = (int) layout.length();
    double[] m = new double[n];
    double[] v = new double[n];
    double lr = 3e-3;
    double beta1 = 0.9;
    double beta2 = 0.98;
    int steps = 0;
    double initialLoss = Double.NaN;
    while (steps < 400) {
      passes.forward();
      if (steps == 0) {
        initialLoss = passes.loss();
      }
      if (passes.accuracy() == 1.0 && passes.loss() < 0.1) {
        break;
      }
      passes.backward();
      steps++;
      float[] w = params.toFloatVector();
      float[] g = grad.toFloatVector();
      for (int i = 0; i < n; i++) {
        m[i] = beta1 * m[i] + (1 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
        double mh = m[i] / (1 - Math.pow(beta1, steps));
        double vh = v[i] / (1 - Math.pow(beta2, steps));
        w[i] -= (float) (lr * mh / (Math.sqrt(vh) + 1e-8));
      }
      params.assign(org.nd4j.linalg.factory.Nd4j.create(w, new long[] {1, n}, 'c'));
    }
    assertThat(initialLoss).isGreaterThan(1.5);
    assertThat(passes.accuracy()).as("train accuracy after %s steps", steps).isEqualTo(1.0);
    assertThat(passes.loss()).isLessThan(0.1);
  }
}
