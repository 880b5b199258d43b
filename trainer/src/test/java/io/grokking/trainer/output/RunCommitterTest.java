package io.grokking.trainer.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.metrics.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two attempts of one run (a retry, a speculative copy) committing: one copy, one winner. */
class RunCommitterTest {
  private static final String RUN = "0123456789abcdef";
  private final Configuration conf = new Configuration();
  @TempDir Path dir;

  /** Stages a metrics and a result file whose host column names the attempt. */
  private RunCommitter stage(Layout layout, String attempt) throws IOException {
    RunCommitter c = new RunCommitter(layout, conf, 7, RUN, attempt);
    try (ParquetTable m = new ParquetTable(c.staged(Layout.METRICS), Schemas.METRICS, conf)) {
      Group g = m.newRow();
      g.add("run_id", RUN);
      g.add("step", 0);
      g.add("train_loss", 1.0);
      g.add("train_acc", 0.5);
      m.write(g);
    }
    Path result = Path.of(c.staged(Layout.RESULTS).toUri().getPath());
    Files.createDirectories(result.getParent());
    Files.writeString(result, attempt);
    return c;
  }

  @RepeatedTest(10)
  void concurrentAttemptsCommitExactlyOneCopy() throws Exception {
    Layout layout = new Layout(dir.toString());
    List<RunCommitter> attempts = List.of(stage(layout, "a0"), stage(layout, "a1"));
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Boolean>> won = new ArrayList<>();
    try {
      for (RunCommitter c : attempts) {
        won.add(pool.submit(() -> {
          start.await();
          return c.commit(List.of(Layout.METRICS));
        }));
      }
      List<Boolean> results = new ArrayList<>();
      for (Future<Boolean> f : won) {
        results.add(f.get());
      }
      assertThat(results).containsExactlyInAnyOrder(true, false);
      String winner = results.get(0) ? "a0" : "a1";
      assertThat(visible(dir.resolve("results/modulus=7"))).containsExactly(RUN + ".parquet");
      assertThat(dir.resolve("results/modulus=7/" + RUN + ".parquet")).hasContent(winner);
      assertThat(visible(dir.resolve("metrics/modulus=7"))).containsExactly(RUN + ".parquet");
      assertThat(visible(dir.resolve("_staging"))).as("both attempts cleaned up").isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCommittedResultIsNeverReplaced() throws Exception {
    Layout layout = new Layout(dir.toString());
    assertThat(stage(layout, "first").commit(List.of(Layout.METRICS))).isTrue();
    assertThat(stage(layout, "second").commit(List.of(Layout.METRICS))).isFalse();
    assertThat(dir.resolve("results/modulus=7/" + RUN + ".parquet")).hasContent("first");
  }

  private static List<String> visible(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
    }
  }
}
