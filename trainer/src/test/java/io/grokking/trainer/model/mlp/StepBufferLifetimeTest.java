package io.grokking.trainer.model.mlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.Precision;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.task.ModularTask;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The passes' off-heap buffers live as long as the passes do. They are reached through NIO views,
 * which do not keep ND4J memory alive; the quad activation's pre-activation buffer was once
 * referenced by nothing else, so a garbage collection between the forward and the backward pass
 * freed it, and its memory went to the next allocation (a native heap corruption in CI). Here a
 * collection runs, fresh arrays of the same size are filled with NaN, and the backward pass must
 * still give the gradient it gave before.
 */
class StepBufferLifetimeTest {

  @ParameterizedTest
  @EnumSource(Activation.class)
  void aCollectionBetweenForwardAndBackwardChangesNothing(Activation act) throws Exception {
    int p = 23;
    int width = 64;
    RunSpec spec = TestRuns.spec(p, 0.0, 0.6, 3,
        TestRuns.with(TestRuns.train(width, 1e-3, 10, 5), act, Encoding.CONCAT,
            Precision.FLOAT64));
    MultiLayerNetwork net = ModularMlp.create(spec);
    ModularTask data = ModularTask.split(p, 0.6, 3);
    Batch batch = Batch.of(data.train(), Encoding.CONCAT, DataType.DOUBLE);
    ForwardBackward pass = new ForwardBackward(batch, width, p, act, DataType.DOUBLE);
    INDArray wIn = net.getParam(ModularMlp.W_IN);
    INDArray wOut = net.getParam(ModularMlp.W_OUT);
    INDArray dWin = Nd4j.zeros(DataType.DOUBLE, wIn.shape());
    INDArray dWout = Nd4j.zeros(DataType.DOUBLE, wOut.shape());
    pass.forward(wIn, wOut);
    pass.backward(wOut, dWin, dWout);
    double[] expected = dWin.dup().data().asDouble();

    pass.forward(wIn, wOut);
    List<INDArray> reuse = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      System.gc();
      Thread.sleep(100);  // ND4J frees collected buffers on its deallocator threads
      for (int k = 0; k < 20; k++) {
        reuse.add(Nd4j.valueArrayOf(new long[] {batch.size(), width}, Double.NaN,
            DataType.DOUBLE));
      }
    }
    pass.backward(wOut, dWin, dWout);

    assertThat(dWin.data().asDouble()).containsExactly(expected);
    assertThat(reuse).allSatisfy(a -> assertThat(a.getDouble(0)).isNaN());
  }
}
