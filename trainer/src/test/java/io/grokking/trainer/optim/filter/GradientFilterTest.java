package io.grokking.trainer.optim.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.model.TrainableModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each gradient filter against its formula on tiny float64 vectors. */
class GradientFilterTest {
  private static final double[][] GRADS = {
      {1.0, -2.0, 0.5}, {0.0, 1.0, 1.5}, {-1.0, 0.5, 2.0}, {2.0, 2.0, -1.0}, {0.3, -0.3, 0.0}};
  private static final INDArray NO_PARAMS = Nd4j.zeros(3);

  @Test
  void emaStartsFromTheFirstGradientThenAveragesAndAmplifies() {
    double alpha = 0.8;
    double lambda = 2.0;
    GrokfastEma ema = new GrokfastEma(3, alpha, lambda);
    double[] mu = GRADS[0].clone();  // μ₀ = g₀
    for (int t = 0; t < GRADS.length; t++) {
      INDArray g = Nd4j.createFromArray(GRADS[t].clone());
      ema.apply(NO_PARAMS, g);
      for (int i = 0; i < 3; i++) {
        mu[i] = alpha * mu[i] + (1 - alpha) * GRADS[t][i];
        assertThat(g.getDouble(i)).as("g[%d] at step %d", i, t)
            .isCloseTo(GRADS[t][i] + lambda * mu[i], within(1e-15));
      }
    }
    // The first filtered gradient is g₀ + λ g₀ exactly as the authors' first call gives.
    GrokfastEma fresh = new GrokfastEma(3, alpha, lambda);
    INDArray g0 = Nd4j.createFromArray(GRADS[0].clone());
    fresh.apply(NO_PARAMS, g0);
    assertThat(g0.toDoubleVector()).containsExactly(3.0, -6.0, 1.5);
  }

  @Test
  void movingAverageLeavesGradientsAloneUntilTheWindowFillsThenAddsItsMean() {
    int w = 3;
    double lambda = 5.0;
    GrokfastMa ma = new GrokfastMa(3, w, lambda);
    for (int t = 0; t < GRADS.length; t++) {
      INDArray g = Nd4j.createFromArray(GRADS[t].clone());
      ma.apply(NO_PARAMS, g);
      for (int i = 0; i < 3; i++) {
        double expected = GRADS[t][i];
        if (t >= w - 1) {
          double mean = (GRADS[t - 2][i] + GRADS[t - 1][i] + GRADS[t][i]) / 3;
          expected += lambda * mean;
        }
        assertThat(g.getDouble(i)).as("g[%d] at step %d", i, t).isCloseTo(expected, within(1e-14));
      }
    }
  }

  @Test
  void movingAverageRestoredMidWindowContinuesAsTheOriginal() {
    GrokfastMa a = new GrokfastMa(3, 3, 5.0);
    a.apply(NO_PARAMS, Nd4j.createFromArray(GRADS[0].clone()));
    a.apply(NO_PARAMS, Nd4j.createFromArray(GRADS[1].clone()));
    GrokfastMa b = new GrokfastMa(3, 3, 5.0);
    b.restore(a.state());
    for (int t = 2; t < GRADS.length; t++) {
      INDArray ga = Nd4j.createFromArray(GRADS[t].clone());
      INDArray gb = ga.dup();
      a.apply(NO_PARAMS, ga);
      b.apply(NO_PARAMS, gb);
      assertThat(gb.toDoubleVector()).as("step %d", t).containsExactly(ga.toDoubleVector());
      GrokfastMa c = new GrokfastMa(3, 3, 5.0);
      c.restore(a.state());
      a = c;  // from a full, wrapped window too
    }
  }

  @Test
  void orthogonalRemovesTheComponentAlongEachTensorAndKeepsItsNorm() {
    // Two tensors: elements 0..2 and 3..4.
    double[] w = {1.0, 2.0, -1.0, 0.5, 0.5};
    double[] g = {0.3, 1.0, 0.2, 1.0, -3.0};
    List<TrainableModel.Tensor> tensors = List.of(new TrainableModel.Tensor("a", 0, 3),
        new TrainableModel.Tensor("b", 3, 2));
    INDArray grad = Nd4j.createFromArray(g.clone());
    new OrthogonalGrad(5, tensors).apply(Nd4j.createFromArray(w), grad);
    double[] out = grad.toDoubleVector();
    for (int[] r : new int[][] {{0, 3}, {3, 5}}) {
      double dot = 0;
      double before = 0;
      double after = 0;
      for (int i = r[0]; i < r[1]; i++) {
        dot += out[i] * w[i];
        before += g[i] * g[i];
        after += out[i] * out[i];
      }
      assertThat(dot).as("⟂ w on tensor from %d", r[0]).isCloseTo(0.0, within(1e-14));
      assertThat(Math.sqrt(after)).as("norm on tensor from %d", r[0])
          .isCloseTo(Math.sqrt(before), within(1e-14));
    }
    // By hand, tensor b: w·g = −1, ‖w‖² = 0.5, g⊥ = g + 2w = (2, −2), rescaled to ‖g‖ = √10.
    double s = Math.sqrt(10) / Math.sqrt(8);
    assertThat(out[3]).isCloseTo(2 * s, within(1e-14));
    assertThat(out[4]).isCloseTo(-2 * s, within(1e-14));
  }

  @Test
  void orthogonalLeavesTheGradientOfAZeroTensorOrOneParallelToItsWeights() {
    List<TrainableModel.Tensor> tensors = List.of(new TrainableModel.Tensor("zero", 0, 2),
        new TrainableModel.Tensor("parallel", 2, 2));
    INDArray grad = Nd4j.createFromArray(0.4, -0.7, 2.0, 4.0);
    new OrthogonalGrad(4, tensors).apply(Nd4j.createFromArray(0.0, 0.0, 1.0, 2.0), grad);
    assertThat(grad.toDoubleVector()).containsExactly(0.4, -0.7, 2.0, 4.0);
  }
}
