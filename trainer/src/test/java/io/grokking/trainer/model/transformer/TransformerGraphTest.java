package io.grokking.trainer.model.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The SameDiff graph and the fast pass give the same logits; float32 agrees with float64; the
 * graph saves and loads with the same outputs; parameters round-trip between the flat vector and
 * the graph's variables.
 */
class TransformerGraphTest {
  private static final TransformerLayout LAYOUT = new TransformerLayout(Fixtures.SMALL);
  private static final int[][] PAIRS = Fixtures.allPairs(Fixtures.SMALL.p());

  @Test
  void fastLogitsEqualTheGraphsAndFloat32AgreesWithFloat64() {
    INDArray params = Fixtures.randomParams(LAYOUT, DataType.DOUBLE, 0.6, 21);
    INDArray fast = fastLogits(params);
    INDArray graph = graphLogits(TransformerGraph.build(LAYOUT, params), DataType.DOUBLE);
    assertThat(maxRelative(fast, graph)).isLessThan(1e-12);

    INDArray params32 = params.castTo(DataType.FLOAT);
    INDArray fast32 = fastLogits(params32).castTo(DataType.DOUBLE);
    assertThat(maxRelative(fast32, fast)).isLessThan(1e-5);
    INDArray graph32 = graphLogits(TransformerGraph.build(LAYOUT, params32), DataType.FLOAT);
    assertThat(maxRelative(graph32.castTo(DataType.DOUBLE), fast)).isLessThan(1e-5);
  }

  @Test
  void float32GradientAgreesWithFloat64() {
    INDArray params = Fixtures.randomParams(LAYOUT, DataType.DOUBLE, 0.6, 22);
    INDArray grad64 = LAYOUT.zeros(DataType.DOUBLE);
    TransformerPasses p64 = new TransformerPasses(LAYOUT, PAIRS[0], PAIRS[1], PAIRS[2], params,
        grad64);
    p64.forward();
    p64.backward();
    INDArray grad32 = LAYOUT.zeros(DataType.FLOAT);
    TransformerPasses p32 = new TransformerPasses(LAYOUT, PAIRS[0], PAIRS[1], PAIRS[2],
        params.castTo(DataType.FLOAT), grad32);
    p32.forward();
    p32.backward();
    assertThat(Math.abs(p32.loss() - p64.loss()) / p64.loss()).isLessThan(1e-5);
    assertThat(p32.accuracy()).isEqualTo(p64.accuracy());
    for (TransformerParameter param : TransformerParameter.values()) {
      INDArray g64 = LAYOUT.view(grad64, param);
      INDArray g32 = LAYOUT.view(grad32, param).castTo(DataType.DOUBLE);
      assertThat(maxRelative(g32, g64)).as("d%s", param.variable()).isLessThan(1e-4);
    }
  }

  @Test
  void savedGraphLoadsWithTheSameOutputs(@TempDir Path dir) {
    INDArray params = TransformerInit.initialise(LAYOUT, 7, DataType.DOUBLE);
    SameDiff sd = TransformerGraph.build(LAYOUT, params);
    Map<String, INDArray> ph = TransformerGraph.placeholders(Fixtures.SMALL, PAIRS[0], PAIRS[1],
        PAIRS[2], DataType.DOUBLE);
    Map<String, INDArray> before = sd.output(ph, TransformerGraph.LOGITS, TransformerGraph.LOSS);
    File file = dir.resolve("transformer.sd").toFile();
    sd.save(file, true);
    assertThat(file).exists();

    SameDiff loaded = SameDiff.load(file, true);
    Map<String, INDArray> after = loaded.output(ph, TransformerGraph.LOGITS,
        TransformerGraph.LOSS);
    assertThat(after.get(TransformerGraph.LOGITS)).isEqualTo(before.get(TransformerGraph.LOGITS));
    assertThat(after.get(TransformerGraph.LOSS).getDouble(0))
        .isEqualTo(before.get(TransformerGraph.LOSS).getDouble(0));
    INDArray back = LAYOUT.zeros(DataType.DOUBLE);
    TransformerGraph.store(loaded, LAYOUT, back);
    assertThat(back).isEqualTo(params);
  }

  @Test
  void loadAndStoreRoundTripTheFlatVector() {
    INDArray first = Fixtures.randomParams(LAYOUT, DataType.DOUBLE, 1, 1);
    INDArray second = Fixtures.randomParams(LAYOUT, DataType.DOUBLE, 1, 2);
    SameDiff sd = TransformerGraph.build(LAYOUT, first);
    TransformerGraph.load(LAYOUT, second, sd);
    assertThat(sd.getVariable("W_Q").getArr().getDouble(1, 3, 5)).isEqualTo(
        second.getDouble(0, LAYOUT.offset(TransformerParameter.W_Q)
            + (1L * Fixtures.SMALL.dModel() + 3) * Fixtures.SMALL.dHead() + 5));
    INDArray out = LAYOUT.zeros(DataType.DOUBLE);
    TransformerGraph.store(sd, LAYOUT, out);
    assertThat(out).isEqualTo(second);
    assertThat(graphLogits(sd, DataType.DOUBLE)).isEqualTo(
        graphLogits(TransformerGraph.build(LAYOUT, second), DataType.DOUBLE));
  }

  private static INDArray fastLogits(INDArray params) {
    TransformerPasses passes = new TransformerPasses(LAYOUT, PAIRS[0], PAIRS[1], PAIRS[2], params,
        LAYOUT.zeros(params.dataType()));
    return passes.forward().dup();
  }

  private static INDArray graphLogits(SameDiff sd, DataType type) {
    Map<String, INDArray> ph = TransformerGraph.placeholders(Fixtures.SMALL, PAIRS[0], PAIRS[1],
        PAIRS[2], type);
    return sd.output(ph, TransformerGraph.LOGITS).get(TransformerGraph.LOGITS);
  }

  private static double maxRelative(INDArray actual, INDArray expected) {
    return actual.sub(expected).amaxNumber().doubleValue()
        / expected.amaxNumber().doubleValue();
  }
}
