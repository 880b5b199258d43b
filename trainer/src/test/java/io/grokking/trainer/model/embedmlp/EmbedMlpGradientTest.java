package io.grokking.trainer.model.embedmlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.loss.CrossEntropy;
import io.grokking.trainer.loss.Loss;
import io.grokking.trainer.loss.MeanSquaredError;
import io.grokking.trainer.loss.StableMax;
import io.grokking.trainer.model.TrainableModel;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The passes against an independent computation: the logits against their forward pass written
 * out literally (hstack of the two embedding rows, times W, ReLU, times W_U), and every gradient
 * element against central finite differences of the mean loss in float64.
 */
class EmbedMlpGradientTest {
  private static final EmbedMlpShape SHAPE = new EmbedMlpShape(7, 5, 6);

  static Stream<Loss> losses() {
    return Stream.of(new CrossEntropy(), new StableMax(), new MeanSquaredError());
  }

  @Test
  void logitsAreTheirForwardPass() {
    int[][] pairs = pairs(30, 1);
    INDArray params = randomParams(DataType.DOUBLE, 3);
    TrainableModel.Passes passes = passes(params, pairs, new CrossEntropy());
    double[][] logits = toRows(passes.forward());
    double[][] expected = literalForward(params, pairs);
    for (int i = 0; i < pairs[0].length; i++) {
      for (int c = 0; c < SHAPE.vocab(); c++) {
        assertThat(logits[i][c]).isCloseTo(expected[i][c], within(1e-12));
      }
    }
    double ce = 0;
    int hits = 0;
    for (int i = 0; i < expected.length; i++) {
      double max = Double.NEGATIVE_INFINITY;
      int best = 0;
      for (int c = 0; c < expected[i].length; c++) {
        if (expected[i][c] > max) {
          max = expected[i][c];
          best = c;
        }
      }
      double sum = 0;
      for (double z : expected[i]) {
        sum += Math.exp(z - max);
      }
      ce += Math.log(sum) + max - expected[i][pairs[2][i]];
      hits += best == pairs[2][i] ? 1 : 0;
    }
    assertThat(passes.loss()).isCloseTo(ce / expected.length, within(1e-12));
    assertThat(passes.accuracy()).isEqualTo((double) hits / expected.length);
  }

  @ParameterizedTest
  @MethodSource("losses")
  void gradientMatchesFiniteDifferences(Loss loss) {
    int[][] pairs = pairs(40, 2);  // repeats of x and of y: the scatter-add must sum them
    INDArray params = randomParams(DataType.DOUBLE, 5);
    INDArray gradient = SHAPE.zeros(DataType.DOUBLE);
    EmbedMlpPasses passes = new EmbedMlpPasses(SHAPE, pairs[0], pairs[1], pairs[2], params,
        gradient, loss);
    passes.forward();
    passes.backward();
    double[] analytic = gradient.toDoubleVector();
    double h = 1e-6;
    double worst = 0;
    for (int k = 0; k < params.length(); k++) {
      double w = params.getDouble(0, k);
      params.putScalar(0, k, w + h);
      passes.forward();
      double up = passes.loss();
      params.putScalar(0, k, w - h);
      passes.forward();
      double down = passes.loss();
      params.putScalar(0, k, w);
      double numeric = (up - down) / (2 * h);
      worst = Math.max(worst, Math.abs(numeric - analytic[k]) / Math.max(1e-3,
          Math.abs(numeric) + Math.abs(analytic[k])));
    }
    assertThat(worst).as("worst relative error over %s parameters", params.length())
        .isLessThan(1e-6);
    assertThat(norm(analytic)).isGreaterThan(1e-3);
  }

  @Test
  void float32GradientIsFloat64sRounded() {
    int[][] pairs = pairs(40, 4);
    INDArray d = randomParams(DataType.DOUBLE, 9);
    INDArray f = d.castTo(DataType.FLOAT);
    INDArray gd = SHAPE.zeros(DataType.DOUBLE);
    INDArray gf = SHAPE.zeros(DataType.FLOAT);
    EmbedMlpPasses pd = new EmbedMlpPasses(SHAPE, pairs[0], pairs[1], pairs[2], d, gd,
        new CrossEntropy());
    EmbedMlpPasses pf = new EmbedMlpPasses(SHAPE, pairs[0], pairs[1], pairs[2], f, gf,
        new CrossEntropy());
    pd.forward();
    pd.backward();
    pf.forward();
    pf.backward();
    assertThat(pf.loss()).isCloseTo(pd.loss(), within(1e-5));
    double[] a = gd.toDoubleVector();
    double[] b = gf.toDoubleVector();
    for (int k = 0; k < a.length; k++) {
      assertThat(b[k]).isCloseTo(a[k], within(1e-5));
    }
  }

  private static TrainableModel.Passes passes(INDArray params, int[][] pairs, Loss loss) {
    return new EmbedMlpPasses(SHAPE, pairs[0], pairs[1], pairs[2], params,
        SHAPE.zeros(params.dataType()), loss);
  }

  /** relu(hstack(W_x[x], W_y[y]) @ W) @ W_U, one pair at a time from the flat vector. */
  private static double[][] literalForward(INDArray params, int[][] pairs) {
    double[] p = params.toDoubleVector();
    int n = SHAPE.vocab();
    int e = SHAPE.embed();
    int hid = SHAPE.hidden();
    int wx = (int) SHAPE.offset(EmbedMlpShape.Matrix.W_X);
    int wy = (int) SHAPE.offset(EmbedMlpShape.Matrix.W_Y);
    int w = (int) SHAPE.offset(EmbedMlpShape.Matrix.W);
    int wu = (int) SHAPE.offset(EmbedMlpShape.Matrix.W_U);
    double[][] out = new double[pairs[0].length][n];
    for (int i = 0; i < pairs[0].length; i++) {
      double[] stack = new double[2 * e];
      for (int d = 0; d < e; d++) {
        stack[d] = p[wx + pairs[0][i] * e + d];
        stack[e + d] = p[wy + pairs[1][i] * e + d];
      }
      double[] hidden = new double[hid];
      for (int j = 0; j < hid; j++) {
        double s = 0;
        for (int d = 0; d < 2 * e; d++) {
          s += stack[d] * p[w + d * hid + j];
        }
        hidden[j] = Math.max(0, s);
      }
      for (int c = 0; c < n; c++) {
        double s = 0;
        for (int j = 0; j < hid; j++) {
          s += hidden[j] * p[wu + j * n + c];
        }
        out[i][c] = s;
      }
    }
    return out;
  }

  /** {@code count} random pairs of a non-commutative operation, (2x + y) mod N. */
  static int[][] pairs(int count, long seed) {
    Random r = new Random(seed);
    int[][] out = new int[3][count];
    for (int i = 0; i < count; i++) {
      out[0][i] = r.nextInt(SHAPE.vocab());
      out[1][i] = r.nextInt(SHAPE.vocab());
      out[2][i] = (2 * out[0][i] + out[1][i]) % SHAPE.vocab();
    }
    return out;
  }

  private static INDArray randomParams(DataType type, long seed) {
    Random r = new Random(seed);
    double[] v = new double[(int) SHAPE.length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = 0.7 * r.nextGaussian();
    }
    return Nd4j.create(v, new long[] {1, v.length}, 'c').castTo(type);
  }

  private static double[][] toRows(INDArray m) {
    double[][] out = new double[(int) m.rows()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = m.getRow(i).toDoubleVector();
    }
    return out;
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
