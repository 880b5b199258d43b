package io.grokking.sweep.config;

import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.OptimizerConfig;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TaskConfig;
import io.grokking.trainer.config.TrainConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of the product of the extra axes: the value each axis takes there, and the training
 * and task settings that result. A sweep without extra axes has exactly one variant, its base
 * settings.
 *
 * @param values axis key to value, in axis order
 */
public record Variant(Map<String, Object> values, TrainConfig train, TaskConfig task,
    ModelConfig model, OptimizerConfig optimizer) {
  public Variant {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** What this variant computes, as it enters run ids (after the grid coordinates). */
  String canonical() {
    return RunSpec.settingsCanonical(train, task, model, optimizer);
  }
}
