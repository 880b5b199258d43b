package io.grokking.trainer.model.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The initial draw: layout, scales of Nanda et al.'s code, zero biases, one result per seed. */
class TransformerInitTest {
  private static final TransformerShape T1 = TransformerShape.of(113);
  private static final TransformerLayout LAYOUT = new TransformerLayout(T1);

  @Test
  void layoutPutsTheBlocksBackToBackInDeclarationOrder() {
    long at = 0;
    for (TransformerParameter param : TransformerParameter.values()) {
      assertThat(LAYOUT.offset(param)).as("%s", param).isEqualTo(at);
      at += param.size(T1);
    }
    assertThat(LAYOUT.length()).isEqualTo(at);
    assertThat(TransformerParameter.W_Q.shape(T1)).containsExactly(4, 128, 32);
    assertThat(TransformerParameter.W_U.shape(T1)).containsExactly(128, 114);
    assertThat(LAYOUT.length()).isEqualTo(114 * 128 + 3 * 128 + 4 * 128 * 128 + 128 * 512 * 2
        + 512 + 128 + 128 * 114);
  }

  @Test
  void viewsWriteThroughToTheFlatVector() {
    INDArray flat = LAYOUT.zeros(DataType.FLOAT);
    LAYOUT.view(flat, TransformerParameter.W_OUT).putScalar(2, 3, 5.0);
    LAYOUT.head(flat, TransformerParameter.W_V, 3).putScalar(1, 2, 7.0);
    assertThat(flat.getDouble(0, LAYOUT.offset(TransformerParameter.W_OUT) + 2 * 128 + 3))
        .isEqualTo(5.0);
    assertThat(flat.getDouble(0, LAYOUT.offset(TransformerParameter.W_V) + 3 * 128 * 32 + 32 + 2))
        .isEqualTo(7.0);
    assertThat(flat.sumNumber().doubleValue()).isEqualTo(12.0);
  }

  @Test
  void scalesFollowNandaEtAlAndBiasesStartAtZero() {
    INDArray flat = TransformerInit.initialise(LAYOUT, 0, DataType.DOUBLE);
    for (TransformerParameter param : TransformerParameter.values()) {
      INDArray w = LAYOUT.view(flat, param);
      if (param.isBias()) {
        assertThat(w.amaxNumber().doubleValue()).as("%s", param).isZero();
        continue;
      }
      double expected = param == TransformerParameter.W_U ? 1 / Math.sqrt(114) : 1 / Math.sqrt(128);
      assertThat(TransformerInit.scale(T1, param)).isEqualTo(expected);
      // W_pos has only 384 entries: a looser bound for its standard deviation.
      double tolerance = param == TransformerParameter.W_POS ? 0.1 : 0.03;
      assertThat(w.stdNumber().doubleValue()).as("std of %s", param)
          .isCloseTo(expected, within(tolerance * expected));
      assertThat(Math.abs(w.meanNumber().doubleValue())).as("mean of %s", param)
          .isLessThan(0.1 * expected);
    }
  }

  @Test
  void oneSeedOneDrawAndFloat32IsTheRoundedFloat64() {
    INDArray first = TransformerInit.initialise(LAYOUT, 5, DataType.DOUBLE);
    assertThat(TransformerInit.initialise(LAYOUT, 5, DataType.DOUBLE)).isEqualTo(first);
    assertThat(TransformerInit.initialise(LAYOUT, 6, DataType.DOUBLE)).isNotEqualTo(first);
    INDArray single = TransformerInit.initialise(LAYOUT, 5, DataType.FLOAT);
    assertThat(single).isEqualTo(first.castTo(DataType.FLOAT));
  }

  /**
   * Values of the PyTorch peer's draw for seed 0 at p = 113, printed once by torch 1.13 (the
   * peer's code, {@code /work/shared/peer/torch_transformer.py}). W_out follows Nanda et al.'s
   * 1/√d_model where the peer uses 1/√d_mlp, so the peer's value is ours / 2.
   */
  @Test
  void matchesThePyTorchPeersDrawForSeedZero() {
    INDArray flat = TransformerInit.initialise(LAYOUT, 0, DataType.FLOAT);
    assertPeer(flat, TransformerParameter.W_E, 0, -0.09283233433961868);
    assertPeer(flat, TransformerParameter.W_E, 113 * 128 + 127, 0.020963789895176888);
    assertPeer(flat, TransformerParameter.W_POS, 2 * 128 + 5, 0.031177038326859474);
    assertPeer(flat, TransformerParameter.W_Q, (1 * 128 + 2) * 32 + 3, -0.05911540612578392);
    assertPeer(flat, TransformerParameter.W_V, (3 * 128 + 127) * 32 + 31, -0.04246082529425621);
    assertPeer(flat, TransformerParameter.W_O, 7 * 128 + 9, -0.03210268169641495);
    assertPeer(flat, TransformerParameter.W_IN, 100 * 512 + 500, -0.01200846303254366);
    assertPeer(flat, TransformerParameter.W_OUT, 511 * 128, 2 * -0.03910385072231293);
    assertPeer(flat, TransformerParameter.W_U, 4 * 114 + 113, 0.12795192003250122);
  }

  private static void assertPeer(INDArray flat, TransformerParameter param, long index,
      double peer) {
    assertThat(flat.getDouble(0, LAYOUT.offset(param) + index)).as("%s[%s]", param, index)
        .isCloseTo(peer, within(1e-7));
  }
}
