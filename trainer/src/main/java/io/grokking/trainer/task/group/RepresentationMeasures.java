package io.grokking.trainer.task.group;

import io.grokking.trainer.task.Embeddings;
import io.grokking.trainer.task.TaskMeasures;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Chughtai, Chan &amp; Nanda 2023's measures by irreducible representation ("A toy model of
 * universality", Sec. 4–5) of one run of a group task, at each evaluation: for every irrep ρ the
 * share of the left embedding's, the right embedding's and the unembedding's squared norm that
 * ρ's matrix elements explain ({@link RepresentationBasis#shares}); the key representations from
 * the logits' similarity to ρ's trace tensor ({@link KeyRepresentations}, threshold {@link
 * KeyRepresentations#DEFAULT_THRESHOLD}); and the restricted and excluded loss over those key
 * representations ({@link RepresentationAblation}: restricted over all N² pairs, excluded over the
 * training pairs, as they average them). For C_n the irreps' spans are the frequencies of
 * {@code fourier.FourierBasis}, so the shares are the Fourier energy shares per frequency.
 */
public final class RepresentationMeasures implements TaskMeasures.Measurer {
  private final RepresentationBasis basis;
  private final int[] trainPairs;

  public RepresentationMeasures(RepresentationBasis basis, int[] trainPairs) {
    int n = basis.group().order();
    for (int pair : trainPairs) {
      if (pair < 0 || pair >= n * n) {
        throw new IllegalArgumentException("train pair indices must be in [0, " + (n * n - 1)
            + "], found " + pair);
      }
    }
    this.basis = basis;
    this.trainPairs = trainPairs.clone();
  }

  public RepresentationBasis basis() {
    return basis;
  }

  @Override
  public TaskMeasures.Measurement measure(Embeddings embeddings, double[][] logits) {
    List<Irrep> irreps = basis.irreps();
    double[] left = embeddings == null ? null : basis.shares(embeddings.left());
    double[] right = embeddings == null ? null : basis.shares(embeddings.right());
    double[] unembed = embeddings == null ? null : basis.sharesOfColumns(embeddings.unembed());
    boolean finite = finite(logits);
    int[] key = finite
        ? KeyRepresentations.of(basis, logits, KeyRepresentations.DEFAULT_THRESHOLD)
        : new int[0];
    boolean[] isKey = new boolean[irreps.size()];
    StringJoiner names = new StringJoiner(";");
    for (int r : key) {
      isKey[r] = true;
      names.add(irreps.get(r).name());
    }
    List<TaskMeasures.Component> rows = new ArrayList<>(irreps.size());
    for (int r = 0; r < irreps.size(); r++) {
      Irrep irrep = irreps.get(r);
      rows.add(new TaskMeasures.Component(irrep.name(), irrep.dim(), share(left, r),
          share(right, r), share(unembed, r), isKey[r]));
    }
    Double restricted = null;
    Double excluded = null;
    if (finite && trainPairs.length > 0) {
      RepresentationAblation ablation = RepresentationAblation.of(basis, logits, key, trainPairs);
      restricted = finiteOrNull(ablation.restrictedLoss());
      excluded = finiteOrNull(ablation.excludedLoss());
    }
    return new TaskMeasures.Measurement(List.copyOf(rows), restricted, excluded,
        names.toString());
  }

  private static Double share(double[] shares, int r) {
    return shares == null ? null : finiteOrNull(shares[r]);
  }

  private static Double finiteOrNull(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** Diverged weights give non-finite logits: nothing is key and no loss is taken then. */
  private static boolean finite(double[][] logits) {
    for (double[] row : logits) {
      for (double v : row) {
        if (!Double.isFinite(v)) {
          return false;
        }
      }
    }
    return true;
  }
}
