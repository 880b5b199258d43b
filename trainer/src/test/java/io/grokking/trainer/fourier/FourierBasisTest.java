package io.grokking.trainer.fourier;

import static io.grokking.trainer.fourier.SyntheticWeights.angleBetween;
import static io.grokking.trainer.fourier.SyntheticWeights.cosine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FourierBasisTest {

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 10, 23, 113})
  void hasFloorHalfPFrequenciesAndConservesEnergy(int p) {
    FourierBasis basis = FourierBasis.of(p);
    assertThat(basis.frequencies()).isEqualTo(p / 2);
    double[] v = new Random(p).doubles(p, -1, 1).toArray();
    double norm2 = 0;
    for (double x : v) {
      norm2 += x * x;
    }
    double[] energy = basis.project(v).energy();
    assertThat(energy).hasSize(p / 2 + 1);
    assertThat(Arrays.stream(energy).sum()).isCloseTo(norm2, within(1e-12));
    // The frequency components add back up to v.
    double[] sum = new double[p];
    for (int k = 0; k <= basis.frequencies(); k++) {
      sum = SyntheticWeights.plus(sum, basis.component(v, k));
    }
    assertThat(sum).containsExactly(v, within(1e-12));
  }

  @Test
  void recoversAmplitudeAndPhaseOfEveryFrequencyExactly() {
    int p = 23;
    FourierBasis basis = FourierBasis.of(p);
    for (int k = 1; k <= 11; k++) {
      for (double phase : new double[] {-3.0, -Math.PI / 2, -0.4, 0.0, 0.7, 2.0, 3.1}) {
        FourierBasis.Spectrum s = basis.project(cosine(p, k, 1.7, phase));
        assertThat(s.amplitude()[k]).isCloseTo(1.7, within(1e-12));
        assertThat(angleBetween(s.phase()[k], phase)).isCloseTo(0.0, within(1e-12));
        assertThat(s.energy()[k]).isCloseTo(1.7 * 1.7 * p / 2, within(1e-10));
        assertThat(s.nonConstantEnergy()).isCloseTo(s.energy()[k], within(1e-10));
      }
    }
  }

  @Test
  void evenModulusHasANyquistCosineWithPhaseZeroOrPi() {
    FourierBasis basis = FourierBasis.of(10);
    assertThat(basis.paired(4)).isTrue();
    assertThat(basis.paired(5)).isFalse();
    assertThat(basis.paired(0)).isFalse();
    FourierBasis.Spectrum s = basis.project(cosine(10, 5, 2.0, Math.PI));
    assertThat(s.amplitude()[5]).isCloseTo(2.0, within(1e-12));
    assertThat(s.phase()[5]).isEqualTo(Math.PI);
    assertThat(s.energy()[5]).isCloseTo(40.0, within(1e-10));
    FourierBasis.Spectrum constant = basis.project(cosine(10, 0, 0.5, 0));
    assertThat(constant.amplitude()[0]).isCloseTo(0.5, within(1e-12));
    assertThat(constant.phase()[0]).isEqualTo(0.0);
    assertThat(constant.nonConstantEnergy()).isCloseTo(0.0, within(1e-20));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 1, 2})
  void rejectsModuliWithoutANonConstantFrequency(int p) {
    assertThatThrownBy(() -> FourierBasis.of(p)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("modulus must be 3 or greater, found " + p);
  }

  @Test
  void rejectsWrongLengthAndFrequency() {
    FourierBasis basis = FourierBasis.of(7);
    assertThatThrownBy(() -> basis.project(new double[6]))
        .hasMessage("vector length must equal the modulus 7, found 6");
    assertThatThrownBy(() -> basis.component(new double[7], 4))
        .hasMessage("frequency must be in [0, 3] for p = 7, found 4");
  }
}
