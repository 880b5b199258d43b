package io.grokking.analysis;

import io.grokking.analysis.phase.Phase;
import io.grokking.trainer.output.DamagedRuns;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one analysis wrote, for the caller's final summary.
 *
 * @param runs        committed runs analysed
 * @param phaseCounts runs per phase, every phase present, in {@link Phase} order
 * @param reportPath  the HTML report, {@code DIR/report/index.html}
 * @param runsCsvPath the per-run table as CSV, {@code DIR/report/runs.csv}
 * @param imagePaths  every figure, PNG then SVG: per panel in order (by default per modulus in
 *                    ascending order) its phase diagram, delay map, learning curves and weight
 *                    norms; then the summary across panels ({@code moduli} or {@code panels});
 *                    then one mechanistic figure per shown run
 * @param damaged     committed runs left out because their files cannot be read
 */
public record AnalysisResult(int runs, Map<Phase, Long> phaseCounts, String reportPath,
    String runsCsvPath, List<String> imagePaths, List<DamagedRuns.Damage> damaged) {

  public AnalysisResult {
    phaseCounts = Collections.unmodifiableMap(new EnumMap<>(phaseCounts));
    imagePaths = List.copyOf(imagePaths);
    damaged = List.copyOf(damaged);
  }

  public AnalysisResult(int runs, Map<Phase, Long> phaseCounts, String reportPath,
      String runsCsvPath, List<String> imagePaths) {
    this(runs, phaseCounts, reportPath, runsCsvPath, imagePaths, List.of());
  }
}
