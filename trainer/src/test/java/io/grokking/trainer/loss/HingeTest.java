package io.grokking.trainer.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.config.ConfigException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hinge loss by hand, and its mean's gradient against central finite differences. */
class HingeTest {
  private final Hinge hinge = new Hinge();

  @Test
  void byHand() {
    double[] grad = new double[1];
    assertThat(hinge.row(new double[] {0.25}, 1, grad)).isEqualTo(0.75);
    assertThat(grad[0]).isEqualTo(-1);
    assertThat(hinge.row(new double[] {0.25}, 0, grad)).isEqualTo(1.25);
    assertThat(grad[0]).isEqualTo(1);
    assertThat(hinge.row(new double[] {-3}, 0, grad)).isZero();
    assertThat(grad[0]).isZero();
    assertThat(hinge.row(new double[] {2}, 1, grad)).isZero();
    assertThat(grad[0]).isZero();
  }

  @Test
  void aMarginOfExactlyOneStillPullsAsTheReferenceDoes() {
    double[] grad = new double[1];
    assertThat(hinge.row(new double[] {1}, 1, grad)).isZero();
    assertThat(grad[0]).isEqualTo(-1);
  }

  @Test
  void meanGradientMatchesCentralFiniteDifferences() {
    SplittableRandom random = new SplittableRandom(4);
    int rows = 50;
    double[] f = new double[rows];
    int[] labels = new int[rows];
    for (int i = 0; i < rows; i++) {
      f[i] = random.nextDouble(-3, 3);
      labels[i] = random.nextInt(2);
    }
    double h = 1e-6;
    for (int i = 0; i < rows; i++) {
      if (Math.abs(1 - Hinge.sign(labels[i]) * f[i]) < 10 * h) {
        continue; // the kink: no derivative
      }
      double[] grad = new double[1];
      hinge.row(new double[] {f[i]}, labels[i], grad);
      double analytic = grad[0] / rows;
      double saved = f[i];
      f[i] = saved + h;
      double up = mean(f, labels);
      f[i] = saved - h;
      double down = mean(f, labels);
      f[i] = saved;
      assertThat(analytic).isCloseTo((up - down) / (2 * h), within(1e-8));
    }
  }

  @Test
  void moreThanTwoClassesIsAConfigError() {
    Hinge.check(2);
    assertThatThrownBy(() -> Hinge.check(97))
        .isInstanceOfSatisfying(ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("train.loss"))
        .hasMessageContaining("97 classes")
        .hasMessageEndingWith("found hinge");
  }

  @Test
  void moreThanOneScoreIsRejected() {
    assertThatThrownBy(() -> hinge.row(new double[2], 1, new double[2]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private double mean(double[] f, int[] labels) {
    double sum = 0;
    for (int i = 0; i < f.length; i++) {
      sum += Math.max(0, 1 - Hinge.sign(labels[i]) * f[i]);
    }
    return sum / f.length;
  }
}
