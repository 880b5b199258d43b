package io.grokking.sweep.grid;

import io.grokking.sweep.config.SweepConfig;
import io.grokking.sweep.config.Variant;
import io.grokking.trainer.config.RunSpec;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * Expands a sweep into its runs: sizes (the moduli, or the orders of the groups) × weight decays × train fractions × the extra axes'
 * variants × seeds, in that nesting order (modulus outermost, seed innermost) and in the order
 * each list was written. Cells that yield the same run id (a value listed twice) appear once, at
 * their first position.
 */
public final class GridExpander {
  private GridExpander() {}

  public static List<RunSpec> expand(SweepConfig config) {
    Map<String, RunSpec> byId = new LinkedHashMap<>();
    // The sizes each variant's task takes: the moduli, or the size a task fixes itself.
    Map<Variant, List<Integer>> sizes = new java.util.IdentityHashMap<>();
    Set<Integer> all = new LinkedHashSet<>();
    for (Variant v : config.variants()) {
      sizes.put(v, v.task().spec().sizes(v.task(), config.moduli()));
      all.addAll(sizes.get(v));
    }
    for (int modulus : all) {
      for (double weightDecay : config.weightDecays()) {
        for (double fraction : config.trainFractions()) {
          for (Variant variant : config.variants()) {
            if (!sizes.get(variant).contains(modulus)) {
              continue;
            }
            for (long seed : config.seeds()) {
              RunSpec spec = new RunSpec(modulus, weightDecay, fraction, seed, variant.train(),
                  variant.task(), variant.model(), variant.optimizer());
              byId.putIfAbsent(spec.runId(), spec);
            }
          }
        }
      }
    }
    return List.copyOf(byId.values());
  }
}
