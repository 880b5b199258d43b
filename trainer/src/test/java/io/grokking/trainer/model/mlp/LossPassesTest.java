package io.grokking.trainer.model.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.LossFunction;
import io.grokking.trainer.loss.Loss;
import io.grokking.trainer.loss.Losses;
import io.grokking.trainer.task.ModularTask;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The MLP's passes under every loss: in float64 the pass's loss is the mean row loss over every
 * batch row of the dense computation (repeated rows weighted right), its accuracy the arg-max's,
 * and its gradients the central finite differences of its own loss; in float32, StableMax keeps a
 * finite, non-zero gradient where cross-entropy's has collapsed to zero and where the float32 sum
 * of s(x) would overflow.
 */
class LossPassesTest {
  private static final int P = 7;
  private static final int WIDTH = 12;

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({"CROSS_ENTROPY, RELU, SUM", "STABLEMAX, RELU, SUM", "STABLEMAX, QUAD, CONCAT",
      "MSE, RELU, SUM", "MSE, QUAD, CONCAT", "STABLEMAX, QUAD, SUM", "MSE, RELU, CONCAT"})
  void float64PassMatchesTheDenseLossAndFiniteDifferences(LossFunction kind, Activation act,
      Encoding enc) {
    Loss loss = Losses.of(kind);
    Batch batch = Batch.of(ModularTask.split(P, 0.6, 3).train(), enc, DataType.DOUBLE);
    int in = (int) batch.x().columns();
    INDArray wIn = random(in, WIDTH, 2).dup('f');
    INDArray wOut = random(WIDTH, P, 3);
    ForwardBackward pass = new ForwardBackward(batch, WIDTH, P, act, DataType.DOUBLE, loss);
    pass.forward(wIn, wOut);
    INDArray dWin = Nd4j.zeros(DataType.DOUBLE, in, WIDTH);
    INDArray dWout = Nd4j.zeros(DataType.DOUBLE, WIDTH, P);
    pass.backward(wOut, dWin, dWout);

    INDArray g = batch.x().mmul(wIn);
    INDArray h = act == Activation.RELU ? Transforms.relu(g, true) : g.mul(g);
    INDArray l = h.mmul(wOut);
    int n = batch.size();
    double sum = 0;
    int hits = 0;
    double[] grad = new double[P];
    for (int i = 0; i < n; i++) {
      double[] row = l.getRow(i).toDoubleVector();
      sum += loss.row(row, batch.labels()[i], grad);
      hits += l.getRow(i).argMax().getInt(0) == batch.labels()[i] ? 1 : 0;
    }
    assertThat(pass.loss()).as("mean row loss").isCloseTo(sum / n, within(1e-12));
    assertThat(pass.accuracy()).as("arg-max accuracy").isEqualTo(hits / (double) n);

    double step = 1e-6;
    for (int[] at : new int[][] {{0, 0}, {5, 3}, {11, 6}, {2, 1}}) {
      double numeric = centralDifference(pass, wIn, wOut, wOut, at, step);
      assertThat(dWout.getDouble(at[0], at[1])).as("dW_out%s", java.util.Arrays.toString(at))
          .isCloseTo(numeric, within(1e-7));
    }
    for (int[] at : new int[][] {{0, 0}, {3, 5}, {in - 1, WIDTH - 1}, {P / 2, 7}}) {
      double numeric = centralDifference(pass, wIn, wOut, wIn, at, step);
      assertThat(dWin.getDouble(at[0], at[1])).as("dW_in%s", java.util.Arrays.toString(at))
          .isCloseTo(numeric, within(1e-7));
    }
    assertThat(dWout.amaxNumber().doubleValue()).as("gradient not trivially zero")
        .isGreaterThan(1e-4);
  }

  /** Every row's label logit is {@code margin}, every other logit 0, in float32. */
  @ParameterizedTest
  @EnumSource(value = LossFunction.class, names = {"CROSS_ENTROPY", "STABLEMAX"})
  void float32StableMaxKeepsTheGradientCrossEntropyLoses(LossFunction kind) {
    float margin = 200f;
    float[][] dLogits = float32Pass(kind, margin, 0f);
    boolean anyNonZero = false;
    for (float[] row : dLogits) {
      for (float d : row) {
        assertThat(d).isFinite();
        anyNonZero |= d != 0;
      }
    }
    // exp(−200) = 1e−87 is below float32's smallest subnormal: softmax collapse (Prieto et al.
    // 2025, Sec. 3); s(200) = 201 against s(0) = 1 is not.
    assertThat(anyNonZero).as("%s leaves a gradient", kind)
        .isEqualTo(kind == LossFunction.STABLEMAX);
  }

  @ParameterizedTest
  @EnumSource(value = Encoding.class)
  void float32StableMaxStaysFiniteWhereAFloat32SumWouldOverflow(Encoding enc) {
    // Label logit −3e38, the others +3e38: Σ s(x) ≈ 1.8e39 overflows float32, s(−3e38) ≈ 3e−39
    // is subnormal there; in float64 the loss is ln Σ s + ln(1 + 3e38) ≈ 179 nats per row.
    float big = 3e38f;
    Batch batch = Batch.of(ModularTask.split(P, 0.6, 3).train(), enc, DataType.FLOAT);
    ElementwisePasses passes = passesWithLogits(batch, LossFunction.STABLEMAX, -big, big);
    double expected = Math.log((P - 1) * ((double) big + 1) + 1 / (1 + (double) big))
        + Math.log(1 + (double) big);
    assertThat(passes.lossSum / passes.n).isFinite().isCloseTo(expected, within(1e-9));
    assertThat(passes.correct).as("the label's logit is the smallest").isZero();
  }

  private static float[][] float32Pass(LossFunction kind, float label, float others) {
    Batch batch = Batch.of(ModularTask.split(P, 0.6, 3).train(), Encoding.SUM, DataType.FLOAT);
    UniqueRows unique = UniqueRows.of(batch);
    INDArray dLogits = Nd4j.create(DataType.FLOAT, unique.size(), P);
    ElementwisePasses passes = passesWithLogits(batch, kind, label, others, unique, dLogits);
    assertThat(passes.correct).isEqualTo(batch.size());
    float[][] out = new float[unique.size()][P];
    for (int i = 0; i < unique.size(); i++) {
      for (int j = 0; j < P; j++) {
        out[i][j] = dLogits.getFloat(i, j);
      }
    }
    return out;
  }

  private static ElementwisePasses passesWithLogits(Batch batch, LossFunction kind, float label,
      float others) {
    UniqueRows unique = UniqueRows.of(batch);
    return passesWithLogits(batch, kind, label, others, unique,
        Nd4j.create(DataType.FLOAT, unique.size(), P));
  }

  /** The passes over {@code batch} with hand-set logits, after their loss pass. */
  private static ElementwisePasses passesWithLogits(Batch batch, LossFunction kind, float label,
      float others, UniqueRows unique, INDArray dLogits) {
    int rows = unique.size();
    INDArray logits = Nd4j.create(DataType.FLOAT, rows, P);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < P; j++) {
        logits.putScalar(i, j, j == unique.labels()[i] ? label : others);
      }
    }
    ElementwisePasses passes = ElementwisePasses.create(DataType.FLOAT, batch, unique, WIDTH, P,
        Activation.RELU, Losses.of(kind), Nd4j.create(DataType.FLOAT, rows, WIDTH), null, logits,
        dLogits, Nd4j.create(DataType.FLOAT, rows, WIDTH));
    passes.resetStats();
    passes.lossAndGradient(0, rows);
    return passes;
  }

  private static double centralDifference(ForwardBackward pass, INDArray wIn, INDArray wOut,
      INDArray w, int[] at, double step) {
    double saved = w.getDouble(at[0], at[1]);
    w.putScalar(at[0], at[1], saved + step);
    pass.forward(wIn, wOut);
    double up = pass.loss();
    w.putScalar(at[0], at[1], saved - step);
    pass.forward(wIn, wOut);
    double down = pass.loss();
    w.putScalar(at[0], at[1], saved);
    return (up - down) / (2 * step);
  }

  private static INDArray random(long rows, long cols, long seed) {
    Random random = new Random(seed);
    double[] values = new double[(int) (rows * cols)];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextGaussian() * 0.5;
    }
    return Nd4j.create(values, new long[] {rows, cols}, DataType.DOUBLE);
  }
}
