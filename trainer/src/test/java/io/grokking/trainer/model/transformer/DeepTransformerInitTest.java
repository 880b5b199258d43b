package io.grokking.trainer.model.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokking.trainer.numeric.TorchGenerator;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stacked blocks: the flat layout (W_E, W_pos, block after block, W_U), the block-prefixed names,
 * the documented draw order, checked against the generator drawn by hand, and the two-block
 * SameDiff graph saved, loaded and stored back into the flat vector.
 */
class DeepTransformerInitTest {
  private static final TransformerShape TWO = new TransformerShape(7, 16, 2, 8, 32, 2);
  private static final TransformerLayout LAYOUT = new TransformerLayout(TWO);

  @Test
  void layoutPutsTheBlocksBetweenTheEmbeddingsAndTheUnembedding() {
    List<TransformerLayout.Slot> slots = LAYOUT.slots();
    assertThat(slots).extracting(TransformerLayout.Slot::variable).containsExactly("W_E", "W_pos",
        "blocks.0.W_Q", "blocks.0.W_K", "blocks.0.W_V", "blocks.0.W_O", "blocks.0.W_in",
        "blocks.0.b_in", "blocks.0.W_out", "blocks.0.b_out", "blocks.1.W_Q", "blocks.1.W_K",
        "blocks.1.W_V", "blocks.1.W_O", "blocks.1.W_in", "blocks.1.b_in", "blocks.1.W_out",
        "blocks.1.b_out", "W_U");
    long at = 0;
    for (TransformerLayout.Slot slot : slots) {
      assertThat(slot.offset()).as(slot.variable()).isEqualTo(at);
      assertThat(slot.size()).isEqualTo(slot.param().size(TWO));
      at += slot.size();
    }
    long block = 3L * 2 * 16 * 8 + 16 * 16 + 2 * 16 * 32 + 32 + 16;
    assertThat(LAYOUT.length()).isEqualTo(at).isEqualTo(8 * 16 + 3 * 16 + 2 * block + 16 * 8);
    assertThat(new TransformerLayout(new TransformerShape(7, 16, 2, 8, 32)).slots())
        .as("one block keeps the parameters' own names").extracting(TransformerLayout.Slot::variable)
        .containsExactlyElementsOf(java.util.Arrays.stream(TransformerParameter.values())
            .map(TransformerParameter::variable).toList());
    assertThatThrownBy(() -> LAYOUT.slot(TransformerParameter.W_Q, 2))
        .hasMessageContaining("found block 2");
    assertThatThrownBy(() -> LAYOUT.slot(TransformerParameter.W_U, 1))
        .hasMessageContaining("found block 1");
  }

  /**
   * After the split's permutation: W_E, W_pos, then per block W_Q, W_K, W_V, W_O, W_in, W_out,
   * then W_U, each one randn(numel) scaled; biases zero.
   */
  @Test
  void drawsEmbeddingsThenEachBlockThenTheUnembedding() {
    INDArray flat = TransformerInit.initialise(LAYOUT, 3, DataType.DOUBLE);
    TorchGenerator generator = new TorchGenerator(3);
    generator.randperm(TWO.p() * TWO.p());
    TransformerParameter[] blockOrder = {TransformerParameter.W_Q, TransformerParameter.W_K,
        TransformerParameter.W_V, TransformerParameter.W_O, TransformerParameter.W_IN,
        TransformerParameter.W_OUT};
    expectDraw(flat, generator, LAYOUT.slot(TransformerParameter.W_E, 0));
    expectDraw(flat, generator, LAYOUT.slot(TransformerParameter.W_POS, 0));
    for (int b = 0; b < 2; b++) {
      for (TransformerParameter param : blockOrder) {
        expectDraw(flat, generator, LAYOUT.slot(param, b));
      }
      assertThat(LAYOUT.view(flat, TransformerParameter.B_IN, b).amaxNumber().doubleValue())
          .isZero();
      assertThat(LAYOUT.view(flat, TransformerParameter.B_OUT, b).amaxNumber().doubleValue())
          .isZero();
    }
    expectDraw(flat, generator, LAYOUT.slot(TransformerParameter.W_U, 0));
  }

  private static void expectDraw(INDArray flat, TorchGenerator generator,
      TransformerLayout.Slot slot) {
    float[] normal = generator.randn(Math.toIntExact(slot.size()));
    double scale = TransformerInit.scale(TWO, slot.param());
    for (int i = 0; i < normal.length; i++) {
      assertThat(flat.getDouble(0, slot.offset() + i)).as("%s[%s]", slot.variable(), i)
          .isEqualTo(normal[i] * scale);
    }
  }

  @Test
  void theFirstBlockAndTheEmbeddingsAreTheOneBlockDraw() {
    TransformerLayout one = new TransformerLayout(new TransformerShape(7, 16, 2, 8, 32));
    INDArray single = TransformerInit.initialise(one, 5, DataType.FLOAT);
    INDArray stacked = TransformerInit.initialise(LAYOUT, 5, DataType.FLOAT);
    for (TransformerLayout.Slot slot : one.slots()) {
      INDArray ours = LAYOUT.view(stacked, slot.param(), 0);
      if (slot.param() == TransformerParameter.W_U) {
        assertThat(ours).as("W_U is drawn after the second block").isNotEqualTo(
            one.view(single, slot));
      } else {
        assertThat(ours).as(slot.variable()).isEqualTo(one.view(single, slot));
      }
    }
  }

  @Test
  void aTwoBlockGraphSavesLoadsAndStoresEveryBlock(@TempDir Path dir) {
    INDArray params = Fixtures.randomParams(LAYOUT, DataType.DOUBLE, 0.3, 9);
    SameDiff sd = TransformerGraph.build(LAYOUT, params);
    int[][] pairs = Fixtures.somePairs(TWO.p(), 11, 2);
    Map<String, INDArray> ph = TransformerGraph.placeholders(TWO, pairs[0], pairs[1], pairs[2],
        DataType.DOUBLE);
    INDArray before = sd.output(ph, TransformerGraph.LOGITS).get(TransformerGraph.LOGITS);
    File file = dir.resolve("two-blocks.sd").toFile();
    sd.save(file, true);

    SameDiff loaded = SameDiff.load(file, true);
    assertThat(loaded.output(ph, TransformerGraph.LOGITS).get(TransformerGraph.LOGITS))
        .isEqualTo(before);
    INDArray back = LAYOUT.zeros(DataType.DOUBLE);
    TransformerGraph.store(loaded, LAYOUT, back);
    assertThat(back).isEqualTo(params);
    assertThat(loaded.getVariable("blocks.1.W_out").getArr().getDouble(3, 4)).isEqualTo(
        params.getDouble(0, LAYOUT.slot(TransformerParameter.W_OUT, 1).offset() + 3 * 16 + 4));
  }
}
