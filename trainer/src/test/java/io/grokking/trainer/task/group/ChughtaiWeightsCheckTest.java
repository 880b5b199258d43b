package io.grokking.trainer.task.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Opt-in check against numbers from Chughtai et al.'s own code: the shares computed here on the
 * weights of one of their saved runs ({@code rep_theory/batch_experiments/<run>/model.pt}) equal
 * the {@code percent_x_embed_*}, {@code percent_y_embed_*} and {@code percent_unembed_*} their
 * code logged for the same weights (last row of that run's {@code metrics.csv}, epoch 249999).
 * Their repository has no licence, so their weights are not copied into this one; to run it:
 *
 * <pre>
 *   # RUN holds model.pt, metrics.csv and key_reps.txt of e.g. batch_experiments/S5_MLP_seed1
 *   python3 trainer/src/test/resources/io/grokking/trainer/task/group/chughtai_weights.py \
 *       RUN/model.pt RUN   # writes x_embed.txt, y_embed.txt, unembed.txt, logits.f64
 *   mvn -B -o -pl trainer -am test -Dtest=ChughtaiWeightsCheckTest \
 *       -Dsurefire.failIfNoSpecifiedTests=false -Dgroup.chughtai.dir=RUN -Dgroup.chughtai.group=S5
 * </pre>
 *
 * <p>Passed on their S5_MLP_seed1 (S5), D59_MLP_seed1 (D59) and A5_MLP_seed1 (A5), which also
 * confirms that the element orders here are theirs.
 *
 * <p>Their A5 3-dimensional irreps ({@code a5_3d_a}, {@code a5_3d_b}) are built from a float32
 * rotation whose shares do not add up with the others to 1 (0.986 on A5_MLP_seed1's x-embedding),
 * so only A5's other irreps are compared.
 */
@EnabledIfSystemProperty(named = "group.chughtai.dir", matches = ".+")
class ChughtaiWeightsCheckTest {
  /** Their names for the irreps that {@link Irreps} names by partition. */
  private static final Map<String, String> THEIR_NAMES = Map.ofEntries(
      Map.entry("S5 (5)", "trivial"), Map.entry("S5 (4,1)", "standard"),
      Map.entry("S5 (3,2)", "s5_5d_b"), Map.entry("S5 (3,1,1)", "s5_6d"),
      Map.entry("S5 (2,2,1)", "s5_5d_a"), Map.entry("S5 (2,1,1,1)", "standard_sign"),
      Map.entry("S5 (1,1,1,1,1)", "sign"), Map.entry("A5 (5)", "trivial"),
      Map.entry("A5 (4,1)", "standard"), Map.entry("A5 (3,2)", "a5_5d_a"));

  @Test
  void sharesEqualTheirLoggedPercentages() throws IOException {
    Path dir = Path.of(System.getProperty("group.chughtai.dir"));
    FiniteGroup g = FiniteGroup.parse(System.getProperty("group.chughtai.group"));
    RepresentationBasis basis = RepresentationBasis.of(g);
    List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
    List<String> header = Arrays.asList(csv.get(0).split(","));
    String[] last = csv.get(csv.size() - 1).split(",");
    int compared = 0;
    for (String matrix : List.of("x_embed", "y_embed", "unembed")) {
      double[][] w = Files.readAllLines(dir.resolve(matrix + ".txt")).stream()
          .map(l -> Arrays.stream(l.trim().split("\\s+")).mapToDouble(Double::parseDouble)
              .toArray())
          .toArray(double[][]::new);
      double[] shares = matrix.equals("unembed") ? basis.sharesOfColumns(w) : basis.shares(w);
      for (int r = 0; r < shares.length; r++) {
        String ours = basis.irreps().get(r).name();
        String theirs = theirName(g, ours);
        if (theirs == null) {
          continue;
        }
        int column = header.indexOf("percent_" + matrix + "_" + theirs + "_rep");
        assertThat(column).as("column for %s", theirs).isNotNegative();
        assertThat(shares[r]).as("%s %s (%s)", matrix, ours, theirs)
            .isCloseTo(Double.parseDouble(last[column]), within(1e-5));
        compared++;
      }
    }
    assertThat(compared).isGreaterThanOrEqualTo(9);
  }

  /**
   * On the logits of all pairs (computed from the same weights by {@code chughtai_weights.py}):
   * the logit similarities equal their {@code logit_*_rep_trace_similarity}, the key
   * representations at {@link KeyRepresentations#DEFAULT_THRESHOLD} are their {@code
   * key_reps.txt}, and the restricted loss over those keys is their {@code
   * total_hidden_restricted_loss} to 0.1 % (their forward pass ran in float32; they project the
   * hidden layer, equivalently, see {@link RepresentationAblation}).
   */
  @Test
  void logitSimilarityKeysAndRestrictedLossEqualTheirs() throws IOException {
    Path dir = Path.of(System.getProperty("group.chughtai.dir"));
    FiniteGroup g = FiniteGroup.parse(System.getProperty("group.chughtai.group"));
    RepresentationBasis basis = RepresentationBasis.of(g);
    int n = g.order();
    DoubleBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(
        dir.resolve("logits.f64"))).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
    double[][] logits = new double[n * n][n];
    for (double[] row : logits) {
      buffer.get(row);
    }
    List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
    List<String> header = Arrays.asList(csv.get(0).split(","));
    String[] last = csv.get(csv.size() - 1).split(",");
    double[] similarity = KeyRepresentations.logitSimilarity(basis, logits);
    for (int r = 1; r < similarity.length; r++) {
      String theirs = theirName(g, basis.irreps().get(r).name());
      if (theirs != null) {
        int column = header.indexOf("logit_" + theirs + "_rep_trace_similarity");
        assertThat(similarity[r]).as("similarity %s", theirs)
            .isCloseTo(Double.parseDouble(last[column]), within(1e-4));
      }
    }
    int[] key = KeyRepresentations.of(basis, logits, KeyRepresentations.DEFAULT_THRESHOLD);
    List<String> theirKeys = Files.readAllLines(dir.resolve("key_reps.txt")).stream()
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
    assertThat(Arrays.stream(key).mapToObj(r -> basis.irreps().get(r).name())
        .map(name -> g.family() == GroupFamily.ALTERNATING && name.startsWith("(3,1,1)")
            ? "a5_3d_" + name.substring(name.length() - 1) : theirName(g, name)).toList())
        .containsExactlyInAnyOrderElementsOf(theirKeys);
    int[] all = IntStream.range(0, n * n).toArray();
    double restricted = RepresentationAblation.meanCrossEntropy(g,
        RepresentationAblation.restrict(basis, logits, key), all);
    double theirRestricted =
        Double.parseDouble(last[header.indexOf("total_hidden_restricted_loss")]);
    if (!g.name().equals("A5")) {
      // A5's key irreps include their inexact 3-dimensional ones (class comment): 6.6e-7 here
      // against their 1.6e-6 on A5_MLP_seed1, so A5 is only printed.
      assertThat(restricted).isCloseTo(theirRestricted, within(1e-3 * theirRestricted));
    }
    System.out.printf("%s: keys %s, restricted loss %.4g (theirs %.4g)%n", g.name(),
        Arrays.stream(key).mapToObj(r -> basis.irreps().get(r).name()).toList(), restricted,
        theirRestricted);
  }

  private static String theirName(FiniteGroup g, String ours) {
    return g.family() == GroupFamily.SYMMETRIC || g.family() == GroupFamily.ALTERNATING
        ? THEIR_NAMES.get(g.name() + " " + ours) : ours;
  }
}
