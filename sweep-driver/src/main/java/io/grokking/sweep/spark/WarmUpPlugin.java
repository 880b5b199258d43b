package io.grokking.sweep.spark;

import io.grokking.trainer.run.WarmUp;
import java.util.Map;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * Warms every executor's trainer up as the executor starts ({@link WarmUp}): a daemon thread
 * loads ND4J and DL4J, starts Hadoop's file system and Parquet, and trains a tiny network while
 * Spark finishes starting and the driver plans the sweep, so the executor's first runs do not
 * each wait ~2 s for it. In local mode the executor lives in the driver's JVM, where the sweep
 * command has usually started the warm-up already; it then runs only once.
 */
public final class WarmUpPlugin implements SparkPlugin {
  @Override
  public DriverPlugin driverPlugin() {
    return null;
  }

  @Override
  public ExecutorPlugin executorPlugin() {
    return new ExecutorPlugin() {
      @Override
      public void init(PluginContext ctx, Map<String, String> extraConf) {
        WarmUp.startInBackground(ctx.conf().getInt("spark.task.cpus", 1), SweepJob.hadoopConf());
      }
    };
  }
}
