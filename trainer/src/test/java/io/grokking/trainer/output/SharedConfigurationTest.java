package io.grokking.trainer.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.run.RunExecutor;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Hadoop configuration per JVM, and readers that use the one they are given: the check of
 * committed runs reads four files a run, and Parquet's own reader builders would build (and parse)
 * a fresh configuration for each. Hadoop registers every configuration it builds, which is what
 * the count below reads.
 */
class SharedConfigurationTest {
  @TempDir Path dir;

  @Test
  void everyCallerAndThreadGetsTheSameConfiguration() throws Exception {
    Configuration mine = SharedConfiguration.get();
    Configuration other = CompletableFuture.supplyAsync(SharedConfiguration::get).get();

    assertThat(other).isSameAs(mine);
    assertThat(mine.get("fs.defaultFS")).isEqualTo("file:///");
  }

  @Test
  void checkingCommittedRunsBuildsNoConfigurationPerFile() throws Exception {
    Configuration conf = SharedConfiguration.get();
    int runs = 3;
    for (int seed = 0; seed < runs; seed++) {
      RunSpec spec = TestRuns.spec(7, 1.0, 0.5, seed, TestRuns.train(16, 1e-2, 10, 5));
      RunExecutor.execute(spec, dir.toString(), "a" + seed, conf);
    }
    Layout layout = new Layout(dir.toString());

    int before = registered();
    DamagedRuns.Report report = DamagedRuns.check(layout, conf);
    int built = registered() - before;

    assertThat(report.committed()).isEqualTo(runs);
    assertThat(report.damaged()).isEmpty();
    // the old readers built one per file: 4 files x 3 runs
    assertThat(built).as("configurations built by checking %d runs", runs).isLessThan(runs);
  }

  /** How many configurations Hadoop holds in its registry (weakly: a GC may only lower it). */
  private static int registered() throws ReflectiveOperationException {
    Field registry = Configuration.class.getDeclaredField("REGISTRY");
    registry.setAccessible(true);
    Map<?, ?> map = (Map<?, ?>) registry.get(null);
    synchronized (Configuration.class) {
      return map.size();
    }
  }
}
