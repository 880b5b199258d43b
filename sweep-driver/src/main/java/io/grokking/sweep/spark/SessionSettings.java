package io.grokking.sweep.spark;

import java.util.Map;

/**
 * How to start Spark for a sweep.
 *
 * @param master Spark master URL; {@link SweepJob#DEFAULT_MASTER} retries failed tasks locally
 * @param uiEnabled whether to serve the Spark web UI
 * @param threads BLAS/OpenMP threads of each trainer, exported to executors (train.threads)
 * @param extra further Spark settings, applied last
 * @param warmUpTrainer whether executors start the trainer as they start ({@link WarmUpPlugin}):
 *     for sessions that will train runs
 */
public record SessionSettings(String master, String appName, boolean uiEnabled, int threads,
    Map<String, String> extra, boolean warmUpTrainer) {
  public SessionSettings {
    extra = Map.copyOf(extra);
  }
}
