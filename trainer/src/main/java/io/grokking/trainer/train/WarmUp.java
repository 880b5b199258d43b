package io.grokking.trainer.train;

import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.Precision;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.data.ModularAddition;
import io.grokking.trainer.fourier.FourierProbe;
import io.grokking.trainer.metrics.Schemas;
import io.grokking.trainer.model.ModularMlp;
import io.grokking.trainer.output.ParquetTable;
import io.grokking.trainer.output.RunRows;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pays a JVM's one-time start-up of the trainer before its first run needs it: loading ND4J's
 * native libraries and DL4J's classes (~1.5 s on the project's machine), starting Hadoop's file
 * system and Parquet's writer with its Snappy codec (~1 s), and a first compilation of the step's
 * kernels. It trains a tiny network with the Fourier probe and records its metrics into a Parquet
 * file in a scratch directory, which it deletes. A Spark executor starts it in the background as
 * it starts (the sweep driver's warm-up plugin), and a local-mode sweep as soon as it knows it will
 * train, so this overlaps Spark's own start-up instead of delaying the first runs.
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

  /**
   * Trains the tiny network with {@code threads} BLAS threads, recording through {@code conf}'s
   * local file system; returns how many metric rows it wrote.
   */
  public static int run(int threads, Configuration conf) throws Exception {
    Threads.apply(threads);
    TrainConfig t = new TrainConfig(32, 1e-2, STEPS, Activation.RELU, Encoding.SUM, STEPS / 3,
        TrainConfig.DEFAULT_WARMUP_STEPS, TrainConfig.DEFAULT_BETA1, TrainConfig.DEFAULT_BETA2,
        TrainConfig.DEFAULT_EPSILON, TrainConfig.DEFAULT_INIT_SCALE, Precision.FLOAT32, false,
        TrainConfig.DEFAULT_STOP_THRESHOLD, TrainConfig.DEFAULT_STOP_WINDOW, threads, 0);
    RunSpec spec = new RunSpec(MODULUS, 1.0, 0.5, 0, t);
    ModularAddition data = ModularAddition.split(MODULUS, 0.5, 0);
    MultiLayerNetwork net = ModularMlp.create(spec);
    FourierProbe probe = FourierProbe.of(data, Encoding.SUM);
    java.nio.file.Path scratch = Files.createTempDirectory("grok-warm-up");
    try {
      Path file = new Path(scratch.toUri().toString(), "metrics.parquet");
      FileSystem fs = file.getFileSystem(conf);
      int[] rows = {0};
      try (ParquetTable metrics = new ParquetTable(file, Schemas.METRICS, conf)) {
        new Trainer(spec, net, data).run(row -> {
          metrics.write(RunRows.metric(metrics.newRow(), "warm-up", row));
          rows[0]++;
        }, probe::measure);
      }
      if (!fs.exists(file)) {
        throw new IOException("the warm-up's metrics file is missing: " + file);
      }
      return rows[0];
    } finally {
      try (var files = Files.walk(scratch)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
