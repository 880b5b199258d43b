package io.grokking.trainer.model.embedmlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.model.embedmlp.EmbedMlpShape.Matrix;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The initial draw against Chughtai et al.'s own {@code OneLayerMLP.__init__} run under torch
 * 1.13.1 (Debian's python3-torch), which printed the values pinned here:
 *
 * <pre>
 * torch.manual_seed(seed)
 * W_x = torch.randn(n, e)/np.sqrt(e); W_y = torch.randn(n, e)/np.sqrt(e)
 * W = torch.randn(2*e, h)/np.sqrt(2*e); W_U = torch.randn(h, n)/np.sqrt(h)
 * print(m.flatten()[i].item())
 * </pre>
 */
class EmbedMlpInitTest {
  /**
   * As in {@code TorchGeneratorTest}: torch's vectorised Box–Muller rounds its logarithm and
   * sine a few float ulps away from {@link io.grokking.trainer.numeric.TorchGenerator}'s; a wrong
   * order or scale is off by tenths.
   */
  private static final double TOLERANCE = 2e-6;

  @Test
  void smallShapeDrawsTheirMatricesInTheirOrder() {
    EmbedMlpShape shape = new EmbedMlpShape(5, 4, 4);
    INDArray flat = EmbedMlpInit.initialise(shape, 7, DataType.FLOAT);
    assertElements(shape, flat, Matrix.W_X, new int[] {0, 1, 19},
        -0.41006726026535034, 0.19781558215618134, -0.17836126685142517);
    assertElements(shape, flat, Matrix.W_Y, new int[] {0, 1, 19},
        0.47855108976364136, -0.3309337794780731, 0.2247547060251236);
    assertElements(shape, flat, Matrix.W, new int[] {0, 1, 31},
        0.5478730797767639, 0.21174313127994537, -0.06741604954004288);
    assertElements(shape, flat, Matrix.W_U, new int[] {0, 1, 19},
        -0.3709794282913208, -0.3187748193740845, 0.27523165941238403);
  }

  @Test
  void modulus23ShapeMatchesTorch() {
    EmbedMlpShape shape = new EmbedMlpShape(23, 16, 8);
    INDArray flat = EmbedMlpInit.initialise(shape, 3, DataType.DOUBLE);
    assertElements(shape, flat, Matrix.W_X, new int[] {0, 17, 367},
        -0.019161073490977287, 0.23278111219406128, 0.06130987033247948);
    assertElements(shape, flat, Matrix.W_Y, new int[] {0, 17, 367},
        0.14208072423934937, -0.12461469322443008, -0.14151859283447266);
    assertElements(shape, flat, Matrix.W, new int[] {0, 17, 255},
        -0.15080790221691132, -0.0002734785375650972, 0.11626642197370529);
    assertElements(shape, flat, Matrix.W_U, new int[] {0, 17, 183},
        0.35426247119903564, -0.5608944296836853, -0.2586999535560608);
  }

  /** Each matrix's deviation is 1/√fan_in: e, e, 2e and h, at their default sizes for p = 113. */
  @Test
  void eachMatrixHasItsScale() {
    EmbedMlpShape shape = new EmbedMlpShape(113, 256, 128);
    INDArray flat = EmbedMlpInit.initialise(shape, 0, DataType.DOUBLE);
    assertThat(flat.length()).isEqualTo(2L * 113 * 256 + 512L * 128 + 128L * 113);
    double[] expected = {1 / Math.sqrt(256), 1 / Math.sqrt(256), 1 / Math.sqrt(512),
        1 / Math.sqrt(128)};
    for (Matrix m : Matrix.values()) {
      INDArray view = shape.view(flat, m);
      double mean = view.meanNumber().doubleValue();
      double std = Math.sqrt(view.mul(view).meanNumber().doubleValue() - mean * mean);
      assertThat(std).as("%s", m).isCloseTo(expected[m.ordinal()],
          within(0.03 * expected[m.ordinal()]));
      assertThat(mean).as("%s", m).isCloseTo(0, within(0.05 * expected[m.ordinal()]));
    }
  }

  @Test
  void float32IsFloat64Rounded() {
    EmbedMlpShape shape = new EmbedMlpShape(7, 8, 16);
    double[] d = EmbedMlpInit.initialise(shape, 11, DataType.DOUBLE).toDoubleVector();
    float[] f = EmbedMlpInit.initialise(shape, 11, DataType.FLOAT).toFloatVector();
    for (int i = 0; i < d.length; i++) {
      assertThat(f[i]).isEqualTo((float) d[i]);
    }
  }

  private static void assertElements(EmbedMlpShape shape, INDArray flat, Matrix m, int[] at,
      double... expected) {
    double[] values = shape.view(flat, m).dup('c').reshape(m.size(shape)).toDoubleVector();
    assertThat(values).hasSize((int) m.size(shape));
    for (int i = 0; i < at.length; i++) {
      assertThat(values[at[i]]).as("%s[%s]", m.variable(), at[i])
          .isCloseTo(expected[i], within(TOLERANCE));
    }
  }
}
