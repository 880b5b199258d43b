package io.grokking.trainer.task.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.fourier.FourierBasis;
import io.grokking.trainer.model.transformer.TransformerProbe;
import io.grokking.trainer.task.Embeddings;
import io.grokking.trainer.task.TaskMeasures;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chughtai et al.'s measures by irrep of one network, against computations that share no code
 * with them: for C_n the spectra of today's Fourier measures, for any group the losses of logits
 * built from one irrep's trace.
 */
class RepresentationMeasuresTest {

  private static double[][] random(int rows, int columns, Random random) {
    double[][] m = new double[rows][columns];
    for (double[] row : m) {
      for (int c = 0; c < columns; c++) {
        row[c] = random.nextGaussian();
      }
    }
    return m;
  }

  private static RepresentationMeasures measures(String group, int[] trainPairs) {
    return new RepresentationMeasures(RepresentationBasis.of(FiniteGroup.parse(group)),
        trainPairs);
  }

  /** The frequency of C_n an irrep's span is: trivial 0, freq_k k, sign the Nyquist n/2. */
  private static int frequency(String irrep, int n) {
    return switch (irrep) {
      case "trivial" -> 0;
      case "sign" -> n / 2;
      default -> Integer.parseInt(irrep.substring("freq_".length()));
    };
  }

  private static double[] shares(double[] energy) {
    double total = Arrays.stream(energy).sum();
    return Arrays.stream(energy).map(e -> e / total).toArray();
  }

  /**
   * Issue 20: for C_n the measures equal today's Fourier measures on the same weights. The
   * transformer's spectra ({@link TransformerProbe#embeddingEnergy}, {@link
   * TransformerProbe#unembeddingEnergy}: energy per frequency of {@link FourierBasis}, summed
   * over the columns) as shares of their totals are the shares per irrep.
   */
  @ParameterizedTest
  @ValueSource(ints = {7, 8, 12})
  void forCyclicGroupsTheSharesAreTheFourierSpectraShares(int n) {
    Random random = new Random(n);
    double[][] left = random(n, 5, random);
    double[][] right = random(n, 3, random);
    double[][] unembed = random(6, n, random);
    FourierBasis fourier = FourierBasis.of(n);
    double[] leftShares = shares(TransformerProbe.embeddingEnergy(left, fourier));
    double[] rightShares = shares(TransformerProbe.embeddingEnergy(right, fourier));
    double[] unembedShares = shares(TransformerProbe.unembeddingEnergy(unembed, fourier));

    TaskMeasures.Measurement m = measures("C" + n, new int[] {0, 1, 2})
        .measure(new Embeddings(left, right, unembed), random(n * n, n, random));

    // every frequency 0..⌊n/2⌋ is one irrep
    assertThat(m.components()).hasSize(fourier.frequencies() + 1);
    for (TaskMeasures.Component c : m.components()) {
      int k = frequency(c.name(), n);
      assertThat(c.dimension()).as(c.name()).isEqualTo(k == 0 || 2 * k == n ? 1 : 2);
      assertThat(c.shareLeft()).as(c.name()).isCloseTo(leftShares[k], within(1e-12));
      assertThat(c.shareRight()).as(c.name()).isCloseTo(rightShares[k], within(1e-12));
      assertThat(c.shareUnembed()).as(c.name()).isCloseTo(unembedShares[k], within(1e-12));
    }
  }

  /** Mean over the pairs of −log softmax(row)[x·y], written out. */
  private static double crossEntropy(FiniteGroup g, double[][] logits, int[] pairs) {
    int n = g.order();
    double sum = 0;
    for (int p : pairs) {
      double[] row = logits[p];
      double max = Arrays.stream(row).max().orElseThrow();
      double z = Arrays.stream(row).map(v -> Math.exp(v - max)).sum();
      sum += -(row[g.multiply(p / n, p % n)] - max - Math.log(z));
    }
    return sum / pairs.length;
  }

  /**
   * Logits that are one irrep's trace tensor lie wholly in its span: that irrep alone is key, the
   * restricted logits are the logits (restricted loss their cross-entropy over all N² pairs) and
   * the excluded ones are 0 (excluded loss log N over the training pairs).
   */
  @ParameterizedTest
  @ValueSource(strings = {"C7", "S3", "D4", "S4"})
  void logitsOfOneIrrepMakeItKeyAndTheAblationKeepsOrRemovesThem(String name) {
    FiniteGroup g = FiniteGroup.parse(name);
    RepresentationBasis basis = RepresentationBasis.of(g);
    int n = g.order();
    int last = basis.irreps().size() - 1;
    double[][] logits = KeyRepresentationsTest.traceLogits(basis, new int[] {last},
        new double[] {4}, 0, 1);
    int[] train = IntStream.range(0, n * n).filter(p -> p % 3 == 0).toArray();
    int[] all = IntStream.range(0, n * n).toArray();

    TaskMeasures.Measurement m = measures(name, train).measure(null, logits);

    String irrep = basis.irreps().get(last).name();
    assertThat(m.keys()).isEqualTo(irrep);
    assertThat(m.components()).extracting(TaskMeasures.Component::name, TaskMeasures.Component::key)
        .containsExactlyElementsOf(basis.irreps().stream()
            .map(i -> org.assertj.core.groups.Tuple.tuple(i.name(), i.name().equals(irrep)))
            .toList());
    assertThat(m.restrictedLoss()).isCloseTo(crossEntropy(g, logits, all), within(1e-9));
    assertThat(m.excludedLoss()).isCloseTo(Math.log(n), within(1e-9));
    // no embeddings given: the shares are left empty, never made up
    assertThat(m.components()).allSatisfy(c -> {
      assertThat(c.shareLeft()).isNull();
      assertThat(c.shareRight()).isNull();
      assertThat(c.shareUnembed()).isNull();
    });
  }

  @Test
  void theIrrepsOfS4AreListedWithTheirDimensionsAndNothingIsKeyForDivergedLogits() {
    Random random = new Random(5);
    double[][] logits = random(24 * 24, 24, random);
    logits[3][4] = Double.NaN;
    double[][] e = random(24, 4, random);

    TaskMeasures.Measurement m = measures("S4", new int[] {1, 2})
        .measure(new Embeddings(e, e, random(4, 24, random)), logits);

    assertThat(m.components()).extracting(TaskMeasures.Component::name,
        TaskMeasures.Component::dimension).containsExactlyElementsOf(List.of(
            org.assertj.core.groups.Tuple.tuple("(4)", 1),
            org.assertj.core.groups.Tuple.tuple("(3,1)", 3),
            org.assertj.core.groups.Tuple.tuple("(2,2)", 2),
            org.assertj.core.groups.Tuple.tuple("(2,1,1)", 3),
            org.assertj.core.groups.Tuple.tuple("(1,1,1,1)", 1)));
    assertThat(m.keys()).isEmpty();
    assertThat(m.components()).noneMatch(TaskMeasures.Component::key);
    assertThat(m.restrictedLoss()).isNull();
    assertThat(m.excludedLoss()).isNull();
    assertThat(m.components().stream().mapToDouble(TaskMeasures.Component::shareLeft).sum())
        .isCloseTo(1, within(1e-12));
  }
}
