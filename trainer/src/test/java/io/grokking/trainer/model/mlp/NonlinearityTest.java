package io.grokking.trainer.model.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * erf, erfc and Φ, which the exact GELU reads, agree with tabulated values (to 15 digits, the
 * digits given) on both sides of the switch from erf's series to erfc's continued fraction.
 */
class NonlinearityTest {
  @ParameterizedTest(name = "erf({0})")
  @CsvSource({"0.5, 0.5204998778130465", "1, 0.8427007929497149", "2, 0.9953222650189527",
      "2.5, 0.9995930479825550", "3, 0.9999779095030014", "-1, -0.8427007929497149",
      "1e-9, 1.1283791670955126e-9"})
  void erfIsTheTabulatedValue(double x, double erf) {
    assertThat(Nonlinearity.erf(x)).isCloseTo(erf, withinPercentage(1e-12));
  }

  @ParameterizedTest(name = "erfc({0})")
  @CsvSource({"3, 2.209049699858544e-05", "5, 1.5374597944280349e-12",
      "10, 2.088487583762545e-45"})
  void erfcKeepsItsDigitsInTheTail(double x, double erfc) {
    assertThat(Nonlinearity.erfc(x)).isCloseTo(erfc, withinPercentage(1e-11));
  }

  @ParameterizedTest(name = "Phi({0})")
  @CsvSource({"0, 0.5", "1, 0.8413447460685429", "-1, 0.15865525393145707",
      "-10, 7.619853024160527e-24"})
  void cdfIsTheNormalDistributionFunction(double x, double phi) {
    assertThat(Nonlinearity.cdf(x)).isCloseTo(phi, withinPercentage(1e-11));
  }
}
