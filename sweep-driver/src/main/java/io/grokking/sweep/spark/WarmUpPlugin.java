package io.grokking.sweep.spark;

import io.grokking.trainer.train.WarmUp;
import java.util.Map;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms every executor's trainer up as the executor starts ({@link WarmUp}): a daemon thread
 * loads ND4J and DL4J and trains a tiny network while Spark finishes starting and the driver
 * plans the sweep, so the executor's first runs do not each wait ~2 s for it. In local mode the
 * executor lives in the driver's JVM and the warm-up overlaps the driver's own start-up. A
 * warm-up that fails only logs: the first run then pays the start-up, or reports the real error.
 */
public final class WarmUpPlugin implements SparkPlugin {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUpPlugin.class);

  @Override
  public DriverPlugin driverPlugin() {
    return null;
  }

  @Override
  public ExecutorPlugin executorPlugin() {
    return new ExecutorPlugin() {
      @Override
      public void init(PluginContext ctx, Map<String, String> extraConf) {
        int threads = ctx.conf().getInt("spark.task.cpus", 1);
        Thread warmUp = new Thread(() -> {
          long t0 = System.nanoTime();
          try {
            WarmUp.run(threads, SweepJob.hadoopConf());
            LOG.debug("Trainer warmed up in {} ms", (System.nanoTime() - t0) / 1_000_000);
          } catch (Exception | LinkageError e) {
            LOG.warn("Trainer warm-up failed; the first run will start the trainer itself", e);
          }
        }, "grok-trainer-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
      }
    };
  }
}
