package io.grokking.sweep.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.sweep.config.ConfigLoader;
import io.grokking.sweep.grid.GridExpander;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.output.Layout;
import io.grokking.trainer.run.RunOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fan-out on local[2] with two attempts per task, with trivial run functions (no DL4J). */
class SweepJobTest {
  private static SparkSession spark;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = SweepJob.session(new SessionSettings("local[2,2]", "SweepJobTest", false, 1, Map.of(),
        false));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static List<RunSpec> specs() {
    return GridExpander.expand(ConfigLoader.parse("train.steps = 10", "test",
        List.of("sweep.moduli=7,11,13", "sweep.weight-decays=0,1", "sweep.train-fractions=0.5")));
  }

  static RunOutcome outcome(RunSpec s, RunStatus status, String message) {
    return new RunOutcome(s.runId(), s.modulus(), s.weightDecay(), s.trainFraction(), s.seed(),
        status, 10, message, 1.0, 0.5, 0.25, 0.1, 0.5, false);
  }

  @Test
  void runsEachSpecAsItsOwnTaskAndReturnsOutcomesInOrder() {
    List<RunSpec> specs = specs();
    ProgressTracker tracker = new ProgressTracker(specs.size());

    SweepResult result = new SweepJob(spark).run(specs, dir.toString(),
        (spec, out, attempt) -> outcome(spec,
            spec.weightDecay() > 0 ? RunStatus.GENERALIZED : RunStatus.COMPLETED,
            "partition " + TaskContext.get().partitionId()),
        tracker);

    assertThat(result.outcomes()).extracting(RunOutcome::runId)
        .containsExactlyElementsOf(specs.stream().map(RunSpec::runId).toList());
    assertThat(result.outcomes()).extracting(RunOutcome::message).doesNotHaveDuplicates()
        .hasSize(specs.size());
    assertThat(result.countsByStatus()).containsEntry(RunStatus.GENERALIZED, 3L)
        .containsEntry(RunStatus.COMPLETED, 3L).containsEntry(RunStatus.FAILED, 0L);
    assertThat(result.modelSteps()).isEqualTo(60);
    assertThat(result.parallelism()).isEqualTo(2);
    Progress end = tracker.snapshot();
    assertThat(end.done()).isEqualTo(specs.size());
    assertThat(end.generalized()).isEqualTo(3);
    assertThat(end.running()).isZero();
  }

  @Test
  void aThrowingRunIsRetriedAloneAndRecordedAsFailedOnItsLastAttempt() {
    List<RunSpec> specs = specs();
    ProgressTracker tracker = new ProgressTracker(specs.size());

    SweepResult result = new SweepJob(spark).run(specs, dir.toString(),
        (spec, out, attempt) -> {
          int attemptNumber = TaskContext.get().attemptNumber();
          if (spec.modulus() == 7 && spec.weightDecay() == 0) {
            throw new IllegalStateException("boom on attempt " + attemptNumber);
          }
          if (spec.modulus() == 11 && spec.weightDecay() == 0 && attemptNumber == 0) {
            throw new IllegalStateException("transient");
          }
          return outcome(spec, RunStatus.COMPLETED, "attempt " + attemptNumber);
        },
        tracker);

    assertThat(result.failures()).singleElement().satisfies(o -> {
      assertThat(o.modulus()).isEqualTo(7);
      assertThat(o.status()).isEqualTo(RunStatus.FAILED);
      assertThat(o.message()).contains("IllegalStateException", "boom on attempt 1");
    });
    assertThat(result.outcomes()).filteredOn(o -> o.modulus() == 11 && o.weightDecay() == 0)
        .extracting(RunOutcome::message).containsExactly("attempt 1");
    assertThat(result.outcomes()).filteredOn(o -> o.modulus() == 13)
        .extracting(RunOutcome::message).containsOnly("attempt 0");
    assertThat(result.anyFailed()).isTrue();
    assertThat(tracker.snapshot().failed()).isEqualTo(1);
  }

  @Test
  void pendingLeavesOutRunsWithACommittedResult() throws IOException {
    List<RunSpec> specs = specs();
    RunSpec committed = specs.get(2);
    Path file = Path.of(new Layout(dir.toString())
        .runFile(Layout.RESULTS, committed.modulus(), committed.runId()).toUri().getPath());
    Files.createDirectories(file.getParent());
    Files.createFile(file);

    List<RunSpec> pending = SweepJob.pending(specs, dir.toString(), new Configuration());

    assertThat(pending).hasSize(specs.size() - 1).doesNotContain(committed);
    assertThat(SweepJob.pending(specs, dir.resolve("absent").toString(), new Configuration()))
        .isEqualTo(specs);
  }

  @Test
  void attemptsPerTaskFollowTheMaster() {
    assertThat(SweepJob.maxAttempts("local[*,4]", 8)).isEqualTo(4);
    assertThat(SweepJob.maxAttempts("local[2]", 8)).isEqualTo(1);
    assertThat(SweepJob.maxAttempts("local", 8)).isEqualTo(1);
    assertThat(SweepJob.maxAttempts("spark://host:7077", 8)).isEqualTo(8);
  }

  @Test
  void largerRunsAreSubmittedFirstAndTheModulusCountsBeyondThePairs() {
    io.grokking.trainer.config.TrainConfig t = io.grokking.trainer.config.TrainConfig.defaults();
    RunSpec small = new RunSpec(7, 1.0, 0.5, 0, t);
    RunSpec large = new RunSpec(31, 1.0, 0.5, 0, t);
    RunSpec middle = new RunSpec(13, 1.0, 0.9, 0, t);
    // Measured in the demo: p = 31 with 288 pairs took 0.46 ms a step, p = 23 with 317 pairs
    // 0.40 ms and p = 23 with 476 pairs 0.49 ms.
    RunSpec p31few = new RunSpec(31, 1.0, 0.3, 0, t);
    RunSpec p23some = new RunSpec(23, 1.0, 0.6, 0, t);
    RunSpec p23many = new RunSpec(23, 1.0, 0.9, 0, t);

    assertThat(SweepJob.longestFirst(List.of(small, large, middle)))
        .containsExactly(large, middle, small);
    assertThat(SweepJob.longestFirst(List.of(p23some, p31few, p23many)))
        .containsExactly(p23many, p31few, p23some);
  }

  @Test
  void theWarmUpPluginJoinsTheUsersPluginsOnce() {
    String warmUp = WarmUpPlugin.class.getName();
    assertThat(SweepJob.withWarmUp(null)).isEqualTo(warmUp);
    assertThat(SweepJob.withWarmUp(" ")).isEqualTo(warmUp);
    assertThat(SweepJob.withWarmUp("com.example.Mine")).isEqualTo("com.example.Mine," + warmUp);
    assertThat(SweepJob.withWarmUp("com.example.Mine, " + warmUp))
        .isEqualTo("com.example.Mine, " + warmUp);
  }
}
