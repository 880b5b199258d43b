package io.grokking.trainer.run;

import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.Precision;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TrainConfig;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pays a JVM's one-time start-up of the trainer before its first run needs it: loading ND4J's
 * native libraries and DL4J's classes (~1.5 s on the project's machine), starting Hadoop's file
 * system and Parquet's writers with their Snappy codec (~1 s), and a first compilation of the
 * step's kernels. It executes one tiny run end to end, as a sweep's task does (training with the
 * Fourier probe, every table written and committed), into a scratch directory that it deletes. A
 * Spark executor starts it in the background as it starts (the sweep driver's warm-up plugin), and
 * a local-mode sweep as soon as it knows it will train, so this overlaps Spark's own start-up
 * instead of delaying the first runs.
 */
public final class WarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
  private static final int MODULUS = 11;
  private static final int STEPS = 300;
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private WarmUp() {}

  /**
   * Starts {@link #run} on a daemon thread, once per JVM: later calls (a local-mode executor
   * after the driver, say) return at once. A warm-up that fails only logs; the first run then pays
   * the start-up itself, or reports the real error.
   */
  public static void startInBackground(int threads, Configuration conf) {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread thread = new Thread(() -> {
      long t0 = System.nanoTime();
      try {
        run(threads, conf);
        LOG.debug("Trainer warmed up in {} ms", (System.nanoTime() - t0) / 1_000_000);
      } catch (Exception | LinkageError e) {
        LOG.warn("Trainer warm-up failed; the first run will start the trainer itself", e);
      }
    }, "grok-trainer-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  /** Executes the tiny run with {@code threads} BLAS threads; returns its outcome. */
  public static RunOutcome run(int threads, Configuration conf) throws Exception {
    TrainConfig t = new TrainConfig(32, 1e-2, STEPS, Activation.RELU, Encoding.SUM, STEPS / 3,
        TrainConfig.DEFAULT_WARMUP_STEPS, TrainConfig.DEFAULT_BETA1, TrainConfig.DEFAULT_BETA2,
        TrainConfig.DEFAULT_EPSILON, TrainConfig.DEFAULT_INIT_SCALE, Precision.FLOAT32, false,
        TrainConfig.DEFAULT_STOP_THRESHOLD, TrainConfig.DEFAULT_STOP_WINDOW, threads, 0);
    RunSpec spec = new RunSpec(MODULUS, 1.0, 0.5, 0, t);
    java.nio.file.Path scratch = Files.createTempDirectory("grok-warm-up");
    try {
      return RunExecutor.execute(spec, scratch.toUri().toString(), "warm-up", conf, Faults.NONE,
          false);
    } finally {
      FileSystem.getLocal(conf).delete(new Path(scratch.toUri()), true);
    }
  }
}
