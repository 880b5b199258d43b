package io.grokking.trainer.model.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fast pass (position 2 only, per-step tables) is the full causal model: its loss and the
 * gradient of every parameter equal SameDiff's {@code calculateGradients} on the graph that
 * computes every position, in float64 to a relative error of 1e-9, and central finite
 * differences of its own loss.
 */
class TransformerGradientTest {
  private static final TransformerLayout LAYOUT = new TransformerLayout(Fixtures.SMALL);

  @Test
  void allPairsMatchSameDiff() {
    assertMatchesSameDiff(Fixtures.allPairs(Fixtures.SMALL.p()), 1);
  }

  @Test
  void randomSubsetMatchesSameDiff() {
    assertMatchesSameDiff(Fixtures.somePairs(Fixtures.SMALL.p(), 17, 5), 2);
  }

  @Test
  void defaultWidthsMatchSameDiff() {
    TransformerLayout layout = new TransformerLayout(TransformerShape.of(5));
    int[][] pairs = Fixtures.somePairs(5, 11, 9);
    INDArray params = TransformerInit.initialise(layout, 3, DataType.DOUBLE);
    assertMatches(layout, pairs, params);
  }

  private static void assertMatchesSameDiff(int[][] pairs, long seed) {
    assertMatches(LAYOUT, pairs, Fixtures.randomParams(LAYOUT, DataType.DOUBLE, 0.6, seed));
  }

  private static void assertMatches(TransformerLayout layout, int[][] pairs, INDArray params) {
    INDArray grad = layout.zeros(DataType.DOUBLE);
    TransformerPasses passes = new TransformerPasses(layout, pairs[0], pairs[1], pairs[2], params,
        grad);
    passes.forward();
    passes.backward();

    SameDiff sd = TransformerGraph.build(layout, params);
    Map<String, INDArray> ph = TransformerGraph.placeholders(layout.shape(), pairs[0], pairs[1],
        pairs[2], DataType.DOUBLE);
    double loss = sd.output(ph, TransformerGraph.LOSS).get(TransformerGraph.LOSS).getDouble(0);
    String[] names = new String[TransformerParameter.values().length];
    for (TransformerParameter param : TransformerParameter.values()) {
      names[param.ordinal()] = param.variable();
    }
    Map<String, INDArray> grads = sd.calculateGradients(ph, names);

    assertThat(passes.loss()).isCloseTo(loss, within(1e-12 * Math.abs(loss)));
    for (TransformerParameter param : TransformerParameter.values()) {
      INDArray ours = layout.view(grad, param);
      INDArray theirs = grads.get(param.variable()).reshape('c', ours.shape());
      double scale = theirs.amaxNumber().doubleValue();
      double err = ours.sub(theirs).amaxNumber().doubleValue();
      assertThat(scale).as("%s gradient is not trivially zero", param).isGreaterThan(1e-8);
      assertThat(err / scale).as("relative error of d%s", param.variable()).isLessThan(1e-9);
    }
  }

  @Test
  void matchesCentralFiniteDifferences() {
    int[][] pairs = Fixtures.allPairs(Fixtures.SMALL.p());
    INDArray params = Fixtures.randomParams(LAYOUT, DataType.DOUBLE, 0.6, 4);
    INDArray grad = LAYOUT.zeros(DataType.DOUBLE);
    TransformerPasses passes = new TransformerPasses(LAYOUT, pairs[0], pairs[1], pairs[2], params,
        grad);
    passes.forward();
    passes.backward();
    INDArray analytic = grad.dup();
    java.util.Random random = new java.util.Random(11);
    double eps = 1e-5;
    for (TransformerParameter param : TransformerParameter.values()) {
      long size = param.size(LAYOUT.shape());
      for (int trial = 0; trial < 4; trial++) {
        long i = LAYOUT.offset(param) + (long) (random.nextDouble() * size);
        double w = params.getDouble(0, i);
        params.putScalar(0, i, w + eps);
        passes.forward();
        double up = passes.loss();
        params.putScalar(0, i, w - eps);
        passes.forward();
        double down = passes.loss();
        params.putScalar(0, i, w);
        double numeric = (up - down) / (2 * eps);
        assertThat(analytic.getDouble(0, i)).as("d%s[%s]", param.variable(), i - LAYOUT.offset(param))
            .isCloseTo(numeric, within(1e-7 + 1e-6 * Math.abs(numeric)));
      }
    }
  }
}
