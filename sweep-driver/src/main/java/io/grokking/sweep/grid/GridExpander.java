package io.grokking.sweep.grid;

import io.grokking.sweep.config.SweepConfig;
import io.grokking.sweep.config.Variant;
import io.grokking.trainer.config.RunSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a sweep into its runs: moduli × weight decays × train fractions × the extra axes'
 * variants × seeds, in that nesting order (modulus outermost, seed innermost) and in the order
 * each list was written. Cells that yield the same run id (a value listed twice) appear once, at
 * their first position.
 */
public final class GridExpander {
  private GridExpander() {}

  public static List<RunSpec> expand(SweepConfig config) {
    Map<String, RunSpec> byId = new LinkedHashMap<>();
    for (int modulus : config.moduli()) {
      for (double weightDecay : config.weightDecays()) {
        for (double fraction : config.trainFractions()) {
          for (Variant variant : config.variants()) {
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
