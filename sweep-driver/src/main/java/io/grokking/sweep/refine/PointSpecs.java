package io.grokking.sweep.refine;

import io.grokking.trainer.config.RunSpec;
import java.util.List;
import java.util.Map;

/**
 * The runs of one point of a refined grid: the sweep's configuration with the given settings
 * fixed to one value each (the panel's values and the point's two coordinates), over every seed.
 */
@FunctionalInterface
public interface PointSpecs {
  /**
   * @param fixed setting key (as written in a configuration: {@code sweep.weight-decays},
   *     {@code train.learning-rate}) to the one value it takes
   */
  List<RunSpec> specs(Map<String, Object> fixed);
}
