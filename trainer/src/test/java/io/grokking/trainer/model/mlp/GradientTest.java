package io.grokking.trainer.model.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.Precision;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.task.ModularTask;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The hand-written forward and backward pass agree with DL4J's own network on the same weights:
 * the same probabilities from {@code output()}, the same loss and gradients from
 * {@code computeGradientAndScore()}; and with central finite differences of the loss.
 */
class GradientTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"RELU, SUM", "QUAD, SUM", "RELU, CONCAT", "QUAD, CONCAT"})
  void matchesDl4jBackpropAndFiniteDifferences(Activation act, Encoding enc) {
    RunSpec spec = TestRuns.spec(7, 0.0, 0.6, 3,
        TestRuns.with(TestRuns.train(16, 1e-3, 10, 5), act, enc, Precision.FLOAT64));
    MultiLayerNetwork net = ModularMlp.create(spec);
    ModularTask data = ModularTask.split(7, 0.6, 3);
    Batch batch = Batch.of(data.train(), enc, DataType.DOUBLE);
    ForwardBackward pass = new ForwardBackward(batch, 16, 7, act, DataType.DOUBLE);
    INDArray wIn = net.getParam(ModularMlp.W_IN);
    INDArray wOut = net.getParam(ModularMlp.W_OUT);
    INDArray logits = pass.forward(wIn, wOut);
    double loss = pass.loss();
    INDArray dWin = Nd4j.zeros(DataType.DOUBLE, wIn.shape());
    INDArray dWout = Nd4j.zeros(DataType.DOUBLE, wOut.shape());
    pass.backward(wOut, dWin, dWout);

    INDArray dl4jProbs = net.output(batch.x());
    assertThat(maxDiff(Transforms.softmax(logits.dup()), dl4jProbs)).isLessThan(1e-12);

    net.setInput(batch.x());
    net.setLabels(batch.y());
    net.computeGradientAndScore();
    assertThat(net.score()).isCloseTo(loss, within(1e-10));
    // DL4J's gradient is the sum over the batch; the updater divides by the batch size later.
    int n = batch.size();
    assertThat(maxDiff(net.gradient().getGradientFor(ModularMlp.W_IN).div(n), dWin))
        .isLessThan(1e-12);
    assertThat(maxDiff(net.gradient().getGradientFor(ModularMlp.W_OUT).div(n), dWout))
        .isLessThan(1e-12);

    double h = 1e-6;
    for (int[] at : new int[][] {{0, 0}, {5, 3}, {15, 6}}) {
      double saved = wOut.getDouble(at[0], at[1]);
      wOut.putScalar(at[0], at[1], saved + h);
      pass.forward(wIn, wOut);
      double up = pass.loss();
      wOut.putScalar(at[0], at[1], saved - h);
      pass.forward(wIn, wOut);
      double down = pass.loss();
      wOut.putScalar(at[0], at[1], saved);
      assertThat(dWout.getDouble(at[0], at[1])).isCloseTo((up - down) / (2 * h), within(1e-7));
    }
  }

  private static double maxDiff(INDArray a, INDArray b) {
    return Transforms.abs(a.sub(b)).maxNumber().doubleValue();
  }
}
