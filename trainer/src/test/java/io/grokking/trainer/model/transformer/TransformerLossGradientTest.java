package io.grokking.trainer.model.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.config.LossFunction;
import io.grokking.trainer.loss.Loss;
import io.grokking.trainer.loss.Losses;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The transformer's pass under the losses other than cross-entropy (which {@link
 * TransformerGradientTest} checks against SameDiff): its loss is the mean row loss over the p + 1
 * logits at {@code =}, its accuracy the arg-max over the first p, and the gradient of every
 * parameter the central finite difference of its own loss, in float64.
 */
class TransformerLossGradientTest {
  private static final TransformerLayout LAYOUT = new TransformerLayout(Fixtures.SMALL);

  @ParameterizedTest
  @EnumSource(value = LossFunction.class, names = {"STABLEMAX", "MSE"})
  void matchesTheRowLossAndCentralFiniteDifferences(LossFunction kind) {
    Loss loss = Losses.of(kind);
    int[][] pairs = Fixtures.somePairs(Fixtures.SMALL.p(), 30, 8);
    INDArray params = Fixtures.randomParams(LAYOUT, DataType.DOUBLE, 0.6, 4);
    INDArray grad = LAYOUT.zeros(DataType.DOUBLE);
    TransformerPasses passes = new TransformerPasses(LAYOUT, pairs[0], pairs[1], pairs[2], params,
        grad, loss);
    INDArray logits = passes.forward().dup();
    passes.backward();
    INDArray analytic = grad.dup();

    int n = pairs[0].length;
    int p = Fixtures.SMALL.p();
    double sum = 0;
    int hits = 0;
    double[] scratch = new double[p + 1];
    for (int i = 0; i < n; i++) {
      double[] row = logits.getRow(i).toDoubleVector();
      assertThat(row).hasSize(p + 1);
      sum += loss.row(row, pairs[2][i], scratch);
      int arg = 0;
      for (int j = 1; j < p; j++) {
        arg = row[j] > row[arg] ? j : arg;
      }
      hits += arg == pairs[2][i] ? 1 : 0;
    }
    assertThat(passes.loss()).isCloseTo(sum / n, within(1e-12));
    assertThat(passes.accuracy()).isEqualTo(hits / (double) n);

    Random random = new Random(11);
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
        assertThat(analytic.getDouble(0, i))
            .as("%s d%s[%s]", kind, param.variable(), i - LAYOUT.offset(param))
            .isCloseTo(numeric, within(1e-7 + 1e-6 * Math.abs(numeric)));
      }
    }
    assertThat(analytic.amaxNumber().doubleValue()).as("gradient not trivially zero")
        .isGreaterThan(1e-4);
  }
}
