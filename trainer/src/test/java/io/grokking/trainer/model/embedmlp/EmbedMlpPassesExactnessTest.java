package io.grokking.trainer.model.embedmlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.loss.CrossEntropy;
import io.grokking.trainer.loss.Loss;
import io.grokking.trainer.loss.MeanSquaredError;
import io.grokking.trainer.loss.StableMax;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The row-by-row passes compute bit for bit what the whole-matrix passes they replaced computed
 * ({@link EmbedMlpReferencePasses}, which {@code EmbedMlpGradientTest}'s finite differences
 * checked): the logits, the loss, the accuracy and every gradient element, in float32 and
 * float64, for each loss, over several updates of the same buffers, with pre-activations that are
 * exactly zero (the ReLU's mask at its edge) and repeated x and y (the scatter-add's sums).
 */
class EmbedMlpPassesExactnessTest {
  private static final EmbedMlpShape SHAPE = new EmbedMlpShape(11, 6, 9);
  private static final int STEPS = 4;

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      for (Loss loss : new Loss[] {new CrossEntropy(), new StableMax(), new MeanSquaredError()}) {
        all.add(Arguments.of(type, loss));
      }
    }
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void rowPassesEqualTheWholeMatrixPassesBitForBit(DataType type, Loss loss) {
    assertSamePasses(params(type, 11), loss, STEPS);
  }

  /**
   * An overflowed weight in W_x and a NaN in W_y: the ReLU still maps NaN pre-activations to 0
   * as the whole-matrix passes did, and the NaN and infinite results match them too.
   */
  @ParameterizedTest
  @MethodSource("cases")
  void nonFiniteWeightsGiveTheSameNumbers(DataType type, Loss loss) {
    INDArray params = params(type, 13);
    params.putScalar(0, SHAPE.offset(EmbedMlpShape.Matrix.W_X) + 2L * SHAPE.embed() + 1,
        Double.POSITIVE_INFINITY);
    params.putScalar(0, SHAPE.offset(EmbedMlpShape.Matrix.W_Y) + 3L * SHAPE.embed(),
        Double.NaN);
    assertSamePasses(params, loss, 1);
  }

  private static void assertSamePasses(INDArray ours, Loss loss, int steps) {
    DataType type = ours.dataType();
    int[][] pairs = pairs(97, 3);
    INDArray theirs = ours.dup();
    INDArray ourGradient = SHAPE.zeros(type);
    INDArray theirGradient = SHAPE.zeros(type);
    EmbedMlpPasses passes = new EmbedMlpPasses(SHAPE, pairs[0], pairs[1], pairs[2], ours,
        ourGradient, loss);
    EmbedMlpReferencePasses reference = new EmbedMlpReferencePasses(SHAPE, pairs[0], pairs[1],
        pairs[2], theirs, theirGradient, loss);
    for (int step = 0; step < steps; step++) {
      double[] logits = passes.forward().dup().data().asDouble();
      double[] expectedLogits = reference.forward().dup().data().asDouble();
      assertThat(logits).as("logits at step %s", step).containsExactly(expectedLogits);
      // compared as bits (every NaN one pattern): == would call two NaN losses different
      assertThat(Double.doubleToLongBits(passes.loss())).as("loss at step %s", step)
          .isEqualTo(Double.doubleToLongBits(reference.loss()));
      assertThat(passes.accuracy()).isEqualTo(reference.accuracy());
      passes.backward();
      reference.backward();
      assertThat(ourGradient.data().asDouble()).as("gradient at step %s", step)
          .containsExactly(theirGradient.data().asDouble());
      // one plain gradient step on both, so the next pass reads new weights from the same buffers
      ours.subi(ourGradient.mul(0.5));
      theirs.subi(theirGradient.mul(0.5));
    }
  }

  /**
   * Random pairs with repeats, and the pair (0, 0) first: its embeddings' rows are zero, so every
   * pre-activation of that pair is exactly 0.
   */
  private static int[][] pairs(int count, long seed) {
    Random r = new Random(seed);
    int[][] out = new int[3][count];
    for (int i = 1; i < count; i++) {
      out[0][i] = r.nextInt(SHAPE.vocab());
      out[1][i] = r.nextInt(SHAPE.vocab());
      out[2][i] = (3 * out[0][i] + out[1][i] * out[1][i]) % SHAPE.vocab();
    }
    return out;
  }

  /** Gaussian weights, with row 0 of W_x and of W_y zero. */
  private static INDArray params(DataType type, long seed) {
    Random r = new Random(seed);
    double[] v = new double[(int) SHAPE.length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = 0.8 * r.nextGaussian();
    }
    for (EmbedMlpShape.Matrix m : new EmbedMlpShape.Matrix[] {EmbedMlpShape.Matrix.W_X,
        EmbedMlpShape.Matrix.W_Y}) {
      int from = (int) SHAPE.offset(m);
      for (int d = 0; d < SHAPE.embed(); d++) {
        v[from + d] = 0;
      }
    }
    return Nd4j.create(v, new long[] {1, v.length}, 'c').castTo(type);
  }
}
