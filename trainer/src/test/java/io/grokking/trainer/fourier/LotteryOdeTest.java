package io.grokking.trainer.fourier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LotteryOdeTest {
  private static final int P = 23;

  /**
   * An independent reference: fixed fine-step RK4 of the real system α̇ = 2pαβ cos D,
   * β̇ = pα² cos D, Ḋ = −p(4β + α²/β) sin D, returning {α, β, D} at time t.
   */
  private static double[] realSystem(double alpha, double beta, double d, int p, double t) {
    int steps = 200_000;
    double h = t / steps;
    double[] y = {alpha, beta, d};
    for (int n = 0; n < steps; n++) {
      double[] k1 = realRate(y, p);
      double[] k2 = realRate(plus(y, k1, h / 2), p);
      double[] k3 = realRate(plus(y, k2, h / 2), p);
      double[] k4 = realRate(plus(y, k3, h), p);
      for (int i = 0; i < 3; i++) {
        y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
      }
    }
    return y;
  }

  private static double[] realRate(double[] y, int p) {
    double a = y[0];
    double b = y[1];
    double d = y[2];
    return new double[] {2 * p * a * b * Math.cos(d), p * a * a * Math.cos(d),
        -p * (4 * b + a * a / b) * Math.sin(d)};
  }

  private static double[] plus(double[] y, double[] k, double h) {
    return new double[] {y[0] + h * k[0], y[1] + h * k[1], y[2] + h * k[2]};
  }

  /**
   * The complex-form integrator agrees with the real (α, β, D) system at half and 95% of the way
   * to blow-up, to 2·10⁻⁵ relative (the magnitude-tied step {@link LotteryOde#STEP} = 0.05 is
   * what limits it). α² < 2β² in every case, so β never reaches 0 and the real system stays regular.
   */
  @ParameterizedTest(name = "alpha {0}, beta {1}, D {2}")
  @CsvSource({
      "0.5, 0.6, 0.01",       // D near 0: fast growth from the start
      "0.5, 0.6, 3.1",        // D near π: decay first, then D turns to 0 and it grows
      "0.5, 0.6, -3.13",      // the same from the other side
      "0.01, 0.8, 1.0",       // α ≪ β
      "0.02, 0.5, 2.8",       // α ≪ β and nearly opposed
      "0.3, 0.3, 1.5707963"}) // D = π/2
  void complexFormAgreesWithTheRealSystem(double alpha, double beta, double d) {
    double blowUp = LotteryOde.blowUpTime(alpha, beta, d, P, LotteryOde.DEFAULT_GROWTH,
        Double.POSITIVE_INFINITY);
    assertThat(blowUp).isFinite().isPositive();
    for (double share : new double[] {0.5, 0.95}) {
      double t = share * blowUp;
      LotteryOde.State s = LotteryOde.evolve(LotteryOde.State.of(alpha, beta, d), P, t);
      double[] reference = realSystem(alpha, beta, d, P, t);
      assertThat(s.alpha()).isCloseTo(reference[0], within(2e-5 * Math.max(1, reference[0])));
      assertThat(s.beta()).isCloseTo(reference[1], within(2e-5 * Math.max(1, reference[1])));
      assertThat(s.d()).isCloseTo(Math.IEEEremainder(reference[2], 2 * Math.PI), within(2e-5));
    }
  }

  /** α² − 2β² and Im(a²b̄) = α²β sin D are invariants of the flow (see the class javadoc). */
  @Test
  void conservesItsTwoInvariants() {
    double alpha = 0.2;
    double beta = 0.7;
    double d = 2.5;
    double t = 0.99 * LotteryOde.blowUpTime(alpha, beta, d, P, LotteryOde.DEFAULT_GROWTH,
        Double.POSITIVE_INFINITY);
    LotteryOde.State s = LotteryOde.evolve(LotteryOde.State.of(alpha, beta, d), P, t);
    assertThat(s.alpha()).isGreaterThan(10 * alpha);
    assertThat(s.alpha() * s.alpha() - 2 * s.beta() * s.beta())
        .isCloseTo(alpha * alpha - 2 * beta * beta, within(1e-8 * s.alpha() * s.alpha()));
    assertThat(s.alpha() * s.alpha() * s.beta() * Math.sin(s.d()))
        .isCloseTo(alpha * alpha * beta * Math.sin(d), within(1e-8 * Math.pow(s.alpha(), 3)));
  }

  /**
   * With D = 0 and α² = 2β² the flow has the closed form α(t) = 1/(1/α0 − √2·p·t), so the
   * magnitude, proportional to α, reaches G times its start at t = (1 − 1/G)/(√2·p·α0).
   */
  @ParameterizedTest
  @CsvSource({"0.4, 1000", "0.05, 10", "1.3, 100000"})
  void blowUpTimeMatchesTheClosedFormOnTheAlignedDiagonal(double alpha, double growth) {
    double expected = (1 - 1 / growth) / (Math.sqrt(2) * P * alpha);
    double t = LotteryOde.blowUpTime(alpha, alpha / Math.sqrt(2), 0, P, growth,
        Double.POSITIVE_INFINITY);
    assertThat(t).isCloseTo(expected, within(1e-6 * expected));
  }

  @Test
  void degenerateCasesNeverBlowUpOrStopAtTheHorizon() {
    assertThat(LotteryOde.blowUpTime(0, 1, 0, P, 1e3, Double.POSITIVE_INFINITY)).isInfinite();
    assertThat(LotteryOde.blowUpTime(0.5, 0.5, 0, P, 1e3, 1e-3)).isInfinite();
    assertThat(LotteryOde.blowUpTime(0.5, 0, 0, P, 1e3, Double.POSITIVE_INFINITY)).isFinite();
    assertThatThrownBy(() -> LotteryOde.blowUpTime(-0.1, 1, 0, P, 1e3, 1))
        .hasMessage("magnitudes must be non-negative, found alpha -0.1 and beta 1.0");
    assertThatThrownBy(() -> LotteryOde.blowUpTime(0.1, 1, 0, P, 1, 1))
        .hasMessage("growth must be greater than 1, found 1.0");
  }

  @Test
  void misalignmentWrapsToTheHalfOpenInterval() {
    assertThat(LotteryOde.misalignment(Math.PI / 2, 0)).isCloseTo(Math.PI, within(1e-15));
    assertThat(LotteryOde.misalignment(0, Math.PI)).isCloseTo(Math.PI, within(1e-15));
    assertThat(LotteryOde.misalignment(1.0, 0.5)).isCloseTo(1.5, within(1e-15));
    assertThat(LotteryOde.misalignment(2.0, -3.0)).isCloseTo(7 - 2 * Math.PI, within(1e-12));
  }

  /** One neuron with the given α, β, φ, ψ per frequency k = 1..K (index 0 is the constant). */
  private static NeuronSpectrum neuron(double[] alpha, double[] beta, double[] phi,
      double[] psi) {
    double[] energy = new double[alpha.length];
    return new NeuronSpectrum(new FourierBasis.Spectrum(energy, alpha, phi), energy,
        new FourierBasis.Spectrum(energy, beta, psi), 1);
  }

  @Test
  void withEqualMagnitudesTheAlignedFrequencyBeatsTheOrthogonalOne() {
    // k = 1 has D = π/2, k = 2 has D = 0 (φ = 0.4, ψ = 0.8), k = 3 has D = −π/2.
    NeuronSpectrum n = neuron(new double[] {0, 0.3, 0.3, 0.3}, new double[] {0, 0.3, 0.3, 0.3},
        new double[] {0, 0, 0.4, 0}, new double[] {0, -Math.PI / 2, 0.8, Math.PI / 2});
    assertThat(LotteryOde.predict(List.of(n), P)).containsExactly(2);
    assertThat(LotteryTicket.predict(List.of(n))).containsExactly(1);  // the product ties
  }

  @Test
  void withEqualMisalignmentTheLargerProductWins() {
    double[] phi = {0, 0.2, 0.2, 0.2};
    double[] psi = {0, -0.6, -0.6, -0.6};  // D = 1.0 for every k
    NeuronSpectrum n = neuron(new double[] {0, 0.3, 0.4, 0.35}, new double[] {0, 0.3, 0.35, 0.2},
        phi, psi);
    assertThat(LotteryOde.predict(List.of(n), P)).containsExactly(2);
    assertThat(LotteryTicket.predict(List.of(n))).containsExactly(2);
  }

  @Test
  void aNearlyOpposedLargeProductLosesToAnAlignedSmallerOne() {
    // k = 1: α·β = 0.25 but D = 3.0, so it decays before it turns; k = 2: α·β = 0.16, D = 0.
    NeuronSpectrum n = neuron(new double[] {0, 0.5, 0.4}, new double[] {0, 0.5, 0.4},
        new double[] {0, 0, 0}, new double[] {0, -3.0, 0});
    assertThat(LotteryOde.predict(List.of(n), P)).containsExactly(2);
    assertThat(LotteryTicket.predict(List.of(n))).containsExactly(1);
  }
}
