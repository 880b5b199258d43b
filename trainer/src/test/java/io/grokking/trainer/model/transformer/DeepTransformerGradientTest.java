package io.grokking.trainer.model.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The stacked passes ({@code model.layers} &gt; 1) are the full causal model of that many
 * blocks: their loss and the gradient of every tensor of every block equal SameDiff's {@code
 * calculateGradients} on the graph that computes every position of every block, in float64 to a
 * relative error of 1e-9, and central finite differences of their own loss; at one block they
 * equal the one-block passes.
 */
class DeepTransformerGradientTest {
  private static TransformerLayout layout(int layers) {
    TransformerShape s = Fixtures.SMALL;
    return new TransformerLayout(new TransformerShape(s.p(), s.dModel(), s.heads(), s.dHead(),
        s.dMlp(), layers));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void allPairsMatchSameDiff(int layers) {
    TransformerLayout layout = layout(layers);
    assertMatches(layout, Fixtures.allPairs(layout.shape().p()),
        Fixtures.randomParams(layout, DataType.DOUBLE, 0.35, layers));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void randomSubsetFromTheInitialDrawMatchesSameDiff(int layers) {
    TransformerLayout layout = layout(layers);
    assertMatches(layout, Fixtures.somePairs(layout.shape().p(), 17, 5),
        TransformerInit.initialise(layout, 7, DataType.DOUBLE));
  }

  private static void assertMatches(TransformerLayout layout, int[][] pairs, INDArray params) {
    INDArray grad = layout.zeros(DataType.DOUBLE);
    TransformerBatchPasses passes = TransformerBatchPasses.of(layout, pairs[0], pairs[1],
        pairs[2], params, grad);
    assertThat(passes).isInstanceOf(DeepTransformerPasses.class);
    passes.forward();
    passes.backward();

    SameDiff sd = TransformerGraph.build(layout, params);
    Map<String, INDArray> ph = TransformerGraph.placeholders(layout.shape(), pairs[0], pairs[1],
        pairs[2], DataType.DOUBLE);
    Map<String, INDArray> out = sd.output(ph, TransformerGraph.LOSS, TransformerGraph.LOGITS,
        TransformerGraph.MLP_POST);
    double loss = out.get(TransformerGraph.LOSS).getDouble(0);
    String[] names = layout.slots().stream().map(TransformerLayout.Slot::variable)
        .toArray(String[]::new);
    assertThat(names).doesNotHaveDuplicates().hasSize(3 + 8 * layout.shape().layers());
    Map<String, INDArray> grads = sd.calculateGradients(ph, names);

    assertThat(loss).as("SameDiff loss, ours %s", passes.loss()).isBetween(0.5, 50.0);
    assertThat(passes.loss()).isCloseTo(loss, within(1e-12 * Math.abs(loss)));
    assertClose("logits", passes.logits(), out.get(TransformerGraph.LOGITS), 1e-12);
    // The last block's MLP at =, the activations the Fourier probe reads.
    INDArray post = out.get(TransformerGraph.MLP_POST);
    int n = pairs[0].length;
    INDArray atEquals = post.reshape('c', n, 3 * layout.shape().dMlp())
        .get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex
            .interval(2 * layout.shape().dMlp(), 3 * layout.shape().dMlp()));
    assertClose("last block's MLP at =", passes.mlpActivations(), atEquals, 1e-12);
    for (TransformerLayout.Slot slot : layout.slots()) {
      INDArray ours = layout.view(grad, slot);
      INDArray theirs = grads.get(slot.variable()).reshape('c', ours.shape());
      assertThat(theirs.amaxNumber().doubleValue()).as("%s gradient is not trivially zero",
          slot.variable()).isGreaterThan(1e-8);
      assertClose("d" + slot.variable(), ours, theirs, 1e-9);
    }
  }

  private static void assertClose(String what, INDArray ours, INDArray theirs, double relative) {
    double scale = theirs.amaxNumber().doubleValue();
    double err = ours.sub(theirs).amaxNumber().doubleValue();
    assertThat(err / scale).as("relative error of %s", what).isLessThan(relative);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void matchesCentralFiniteDifferences(int layers) {
    TransformerLayout layout = layout(layers);
    int[][] pairs = Fixtures.allPairs(layout.shape().p());
    INDArray params = Fixtures.randomParams(layout, DataType.DOUBLE, 0.35, 4);
    INDArray grad = layout.zeros(DataType.DOUBLE);
    TransformerBatchPasses passes = TransformerBatchPasses.of(layout, pairs[0], pairs[1],
        pairs[2], params, grad);
    passes.forward();
    passes.backward();
    INDArray analytic = grad.dup();
    Random random = new Random(11);
    double eps = 1e-6;
    for (TransformerLayout.Slot slot : layout.slots()) {
      for (int trial = 0; trial < 3; trial++) {
        long i = slot.offset() + (long) (random.nextDouble() * slot.size());
        double w = params.getDouble(0, i);
        params.putScalar(0, i, w + eps);
        passes.forward();
        double up = passes.loss();
        params.putScalar(0, i, w - eps);
        passes.forward();
        double down = passes.loss();
        params.putScalar(0, i, w);
        double numeric = (up - down) / (2 * eps);
        assertThat(analytic.getDouble(0, i)).as("d%s[%s]", slot.variable(), i - slot.offset())
            .isCloseTo(numeric, within(1e-7 + 1e-6 * Math.abs(numeric)));
      }
    }
  }

  /** Two independent implementations of one block: tables at = only, and every position. */
  @Test
  void oneBlockEqualsTheOneBlockPasses() {
    TransformerLayout layout = layout(1);
    int[][] pairs = Fixtures.somePairs(layout.shape().p(), 23, 3);
    INDArray params = Fixtures.randomParams(layout, DataType.DOUBLE, 0.6, 8);
    INDArray gradOne = layout.zeros(DataType.DOUBLE);
    INDArray gradDeep = layout.zeros(DataType.DOUBLE);
    TransformerBatchPasses one = TransformerBatchPasses.of(layout, pairs[0], pairs[1], pairs[2],
        params, gradOne);
    DeepTransformerPasses deep = new DeepTransformerPasses(layout, pairs[0], pairs[1], pairs[2],
        params, gradDeep, new io.grokking.trainer.loss.CrossEntropy());
    assertThat(one).isInstanceOf(TransformerPasses.class);
    one.forward();
    one.backward();
    deep.forward();
    deep.backward();
    assertThat(deep.loss()).isCloseTo(one.loss(), within(1e-12 * one.loss()));
    assertThat(deep.accuracy()).isEqualTo(one.accuracy());
    assertClose("logits", deep.logits(), one.logits(), 1e-12);
    assertClose("MLP at =", deep.mlpActivations(), one.mlpActivations(), 1e-12);
    assertClose("gradient", gradDeep, gradOne, 1e-11);
  }
}
