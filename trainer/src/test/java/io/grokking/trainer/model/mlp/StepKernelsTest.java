package io.grokking.trainer.model.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.Operation;
import io.grokking.trainer.numeric.Gemm;
import io.grokking.trainer.numeric.OffHeap;
import io.grokking.trainer.optim.AdamW;
import io.grokking.trainer.task.ModularTask;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The fast step's pieces against the straightforward computation: the gather and scatter-add,
 * over distinct rows weighted by their multiplicity, against the dense one-hot products X·W_in
 * and Xᵀ·dG over every row, the fused softmax against ND4J's
 * log-softmax, W_in's gradient against central finite differences, {@link Gemm} against ND4J's
 * mmul for every operand layout, and {@link AdamW} bit for bit against the ND4J op sequence it
 * replaced.
 */
class StepKernelsTest {
  private static final int P = 7;
  private static final int WIDTH = 12;

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({"RELU, SUM, DOUBLE", "QUAD, SUM, DOUBLE", "RELU, CONCAT, DOUBLE",
      "QUAD, CONCAT, DOUBLE", "RELU, SUM, FLOAT", "QUAD, CONCAT, FLOAT"})
  void forwardAndBackwardMatchTheDenseOneHotComputation(Activation act, Encoding enc,
      DataType type) {
    // Every pair, so rows with a = b (two ones in one column of X under sum) are included.
    Batch batch = Batch.of(
        ModularTask.Side.of(P, Operation.ADD, IntStream.range(0, P * P).toArray()), enc, type);
    int in = (int) batch.x().columns();
    INDArray flat = random(type, 1, (long) in * WIDTH + (long) WIDTH * P, 1);
    // Column-major views of one flat vector, as DL4J lays out its parameters and the trainer
    // its gradient.
    INDArray wIn = flat.reshape(flat.length()).get(NDArrayIndex.interval(0, in * WIDTH))
        .reshape('f', in, WIDTH);
    INDArray wOut = flat.reshape(flat.length())
        .get(NDArrayIndex.interval(in * WIDTH, flat.length())).reshape('f', WIDTH, P);
    INDArray grad = Nd4j.zeros(type, flat.shape()).addi(Double.NaN);
    INDArray dWin = grad.reshape(grad.length()).get(NDArrayIndex.interval(0, in * WIDTH))
        .reshape('f', in, WIDTH);
    INDArray dWout = grad.reshape(grad.length())
        .get(NDArrayIndex.interval(in * WIDTH, grad.length())).reshape('f', WIDTH, P);

    ForwardBackward pass = new ForwardBackward(batch, WIDTH, P, act, type);
    INDArray logits = pass.forward(wIn, wOut).dup();
    pass.backward(wOut, dWin, dWout);

    int n = batch.size();
    INDArray x = batch.x();
    INDArray g = x.mmul(wIn);
    INDArray h = act == Activation.RELU ? Transforms.relu(g, true) : g.mul(g);
    INDArray l = h.mmul(wOut);
    INDArray logProbs = Transforms.log(Transforms.softmax(l, true));
    double loss = -logProbs.mul(batch.y()).sumNumber().doubleValue() / n;
    INDArray dL = Transforms.exp(logProbs, true).subi(batch.y()).divi(n);
    INDArray dH = dL.mmul(wOut.transpose());
    INDArray dG = act == Activation.RELU ? dH.mul(g.gt(0).castTo(type)) : dH.mul(g).muli(2);
    INDArray argMax = l.argMax(1);
    long hits = IntStream.range(0, n).filter(i -> argMax.getInt(i) == batch.labels()[i]).count();

    double tol = type == DataType.DOUBLE ? 1e-12 : 1e-5;
    assertThat(maxDiff(logits, l)).as("logits").isLessThan(tol);
    assertThat(pass.loss()).as("loss").isCloseTo(loss, within(tol));
    assertThat(pass.accuracy()).as("accuracy").isEqualTo(hits / (double) n);
    assertThat(maxDiff(dWout, h.transpose().mmul(dL))).as("dW_out").isLessThan(tol);
    assertThat(maxDiff(dWin, x.transpose().mmul(dG))).as("dW_in = X^T dG").isLessThan(tol);
  }

  @ParameterizedTest
  @EnumSource(value = Encoding.class)
  void repeatedRowsAreMergedOnlyUnderTheSumEncoding(Encoding enc) {
    Batch batch = Batch.of(
        ModularTask.Side.of(P, Operation.ADD, IntStream.range(0, P * P).toArray()), enc,
        DataType.DOUBLE);
    UniqueRows unique = UniqueRows.of(batch);
    // Sum: the unordered pairs {a, b}, p(p + 1)/2 of them; concat: every ordered pair.
    assertThat(unique.size()).isEqualTo(enc == Encoding.SUM ? P * (P + 1) / 2 : P * P);
    assertThat(unique.identity()).isEqualTo(enc == Encoding.CONCAT);
    assertThat(IntStream.of(unique.weights()).sum()).isEqualTo(P * P);
    for (int i = 0; i < batch.size(); i++) {
      int u = unique.rowOf()[i];
      assertThat(unique.labels()[u]).isEqualTo(batch.labels()[i]);
      assertThat(new int[] {unique.first()[u], unique.second()[u]})
          .containsExactlyInAnyOrder(batch.first()[i], batch.second()[i]);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Encoding.class)
  void inputGradientMatchesFiniteDifferences(Encoding enc) {
    Batch batch = Batch.of(ModularTask.split(P, 0.6, 3).train(), enc, DataType.DOUBLE);
    int in = (int) batch.x().columns();
    INDArray wIn = random(DataType.DOUBLE, in, WIDTH, 2).dup('f');
    INDArray wOut = random(DataType.DOUBLE, WIDTH, P, 3);
    ForwardBackward pass = new ForwardBackward(batch, WIDTH, P, Activation.RELU, DataType.DOUBLE);
    pass.forward(wIn, wOut);
    INDArray dWin = Nd4j.zeros(DataType.DOUBLE, in, WIDTH);
    pass.backward(wOut, dWin, Nd4j.zeros(DataType.DOUBLE, WIDTH, P));
    double step = 1e-6;
    for (int[] at : new int[][] {{0, 0}, {3, 5}, {in - 1, WIDTH - 1}, {P / 2, 7}}) {
      double saved = wIn.getDouble(at[0], at[1]);
      wIn.putScalar(at[0], at[1], saved + step);
      pass.forward(wIn, wOut);
      double up = pass.loss();
      wIn.putScalar(at[0], at[1], saved - step);
      pass.forward(wIn, wOut);
      double down = pass.loss();
      wIn.putScalar(at[0], at[1], saved);
      assertThat(dWin.getDouble(at[0], at[1])).as("dW_in%s", java.util.Arrays.toString(at))
          .isCloseTo((up - down) / (2 * step), within(1e-7));
    }
  }

  @ParameterizedTest(name = "{0}: A {1} {2}, B {3} {4}, C {5}")
  @CsvSource({"DOUBLE, c, false, c, false, c", "DOUBLE, f, false, c, true, c",
      "DOUBLE, c, true, f, false, f", "DOUBLE, f, true, f, true, f", "FLOAT, c, false, f, true, f",
      "FLOAT, f, true, c, false, c"})
  void gemmMatchesNd4jForEveryLayout(DataType type, char orderA, boolean transA, char orderB,
      boolean transB, char orderC) {
    int m = 9;
    int k = 5;
    int n = 11;
    INDArray a = random(type, transA ? k : m, transA ? m : k, 4).dup(orderA);
    INDArray b = random(type, transB ? n : k, transB ? k : n, 5).dup(orderB);
    INDArray c = Nd4j.create(type, new long[] {m, n}, orderC);
    Gemm.gemm(a, transA, b, transB, c);
    INDArray expected = (transA ? a.transpose() : a).mmul(transB ? b.transpose() : b);
    assertThat(maxDiff(c, expected)).isLessThan(type == DataType.DOUBLE ? 1e-12 : 1e-5);
  }

  @ParameterizedTest
  @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
  void adamWIsBitIdenticalToTheNd4jOpSequence(DataType type) {
    double lr = 1e-3;
    double wd = 1.0;
    double b1 = 0.9;
    double b2 = 0.98;
    double eps = 1e-8;
    int length = 10_000;  // more than one chunk
    INDArray params = random(type, 1, length, 6);
    INDArray expected = params.dup();
    INDArray m = Nd4j.zeros(type, 1, length);
    INDArray v = Nd4j.zeros(type, 1, length);
    AdamW opt = new AdamW(params, lr, wd, b1, b2, eps, 10);
    for (int t = 1; t <= 12; t++) {
      INDArray grad = random(type, 1, length, 10 + t).muli(t % 3 == 0 ? 1e-6 : 1.0);
      opt.step(params, grad);
      // The implementation this class had before its Java loop, op for op.
      double lrT = lr * Math.min(t / 10.0, 1.0);
      double bc1 = 1.0 - Math.pow(b1, t);
      double bc2 = 1.0 - Math.pow(b2, t);
      expected.muli(1.0 - lrT * wd);
      m.muli(b1).addi(grad.mul(1.0 - b1));
      v.muli(b2).addi(grad.mul(grad).muli(1.0 - b2));
      INDArray denom = Transforms.sqrt(v, true).divi(Math.sqrt(bc2)).addi(eps);
      expected.subi(m.div(denom).muli(lrT / bc1));
      assertThat(params.data().asDouble()).as("θ after update %d", t)
          .containsExactly(expected.data().asDouble());
      assertThat(opt.firstMoment().data().asDouble()).as("m after update %d", t)
          .containsExactly(m.data().asDouble());
      assertThat(opt.secondMoment().data().asDouble()).as("v after update %d", t)
          .containsExactly(v.data().asDouble());
    }
  }

  @ParameterizedTest
  @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
  void offHeapCopiesRespectViewsAndStrides(DataType type) {
    INDArray parent = random(type, 6, 8, 7);
    INDArray view = parent.get(NDArrayIndex.interval(1, 5), NDArrayIndex.interval(2, 7));
    INDArray before = parent.dup();
    double[] rows = new double[20];
    float[] rowsF = new float[20];
    if (type == DataType.DOUBLE) {
      OffHeap.read(view, rows);
    } else {
      OffHeap.read(view, rowsF);
    }
    for (int i = 0; i < 20; i++) {
      double value = type == DataType.DOUBLE ? rows[i] : rowsF[i];
      assertThat(value).isEqualTo(view.getDouble(i / 5, i % 5));
      rows[i] = -i;
      rowsF[i] = -i;
    }
    if (type == DataType.DOUBLE) {
      OffHeap.write(rows, view);
    } else {
      OffHeap.write(rowsF, view);
    }
    for (int r = 0; r < 6; r++) {
      for (int c = 0; c < 8; c++) {
        boolean inside = r >= 1 && r < 5 && c >= 2 && c < 7;
        double expected = inside ? -((r - 1) * 5 + (c - 2)) : before.getDouble(r, c);
        assertThat(parent.getDouble(r, c)).as("(%d, %d)", r, c).isEqualTo(expected);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
  void norm2MatchesNd4jOnDenseArraysAndRefusesViewsWithGaps(DataType type) {
    INDArray c = random(type, 9, 7, 11);
    INDArray f = c.dup('f');
    assertThat(OffHeap.norm2(f)).isCloseTo(f.norm2Number().doubleValue(), within(1e-5));
    assertThat(OffHeap.norm2(c)).isCloseTo(c.norm2Number().doubleValue(), within(1e-5));
    assertThat(OffHeap.norm2(c.reshape(63))).isCloseTo(c.norm2Number().doubleValue(),
        within(1e-5));
    INDArray gappy = c.get(NDArrayIndex.interval(1, 5), NDArrayIndex.interval(2, 7));
    assertThatThrownBy(() -> OffHeap.norm2(gappy)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a dense array");
  }

  @ParameterizedTest
  @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
  void gemmRejectsMismatchedShapes(DataType type) {
    assertThatThrownBy(() -> Gemm.gemm(Nd4j.create(type, 3, 4), false, Nd4j.create(type, 5, 2),
        false, Nd4j.create(type, 3, 2))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("op(A) 3x4, op(B) 5x2");
  }

  private static INDArray random(DataType type, long rows, long cols, long seed) {
    Random random = new Random(seed);
    double[] values = new double[(int) (rows * cols)];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextGaussian() * 0.5;
    }
    return Nd4j.create(values, new long[] {rows, cols}, DataType.DOUBLE).castTo(type);
  }

  private static double maxDiff(INDArray a, INDArray b) {
    return Transforms.abs(a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE))).maxNumber()
        .doubleValue();
  }
}
