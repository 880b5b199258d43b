package io.grokking.sweep.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.run.Faults;
import io.grokking.trainer.run.InjectedFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The spark.grok.fault-injection syntax and which attempts it stops where. */
class FaultInjectionTest {
  private final RunSpec run = SweepJobTest.specs().get(0);

  @Test
  void firstNAttemptsOfMatchingRunsDieAtTheirPoint() {
    FaultInjection f = FaultInjection.parse(
        "mid-train:1, commit:2@" + run.runId().substring(0, 4));

    assertThatThrownBy(() -> f.forAttempt(run, 0).reach(Faults.Point.MID_TRAIN))
        .isInstanceOf(InjectedFault.class).hasMessageContaining("attempt 0 of run "
            + run.runId() + " dies at mid-train");
    assertThatNoException().isThrownBy(() -> f.forAttempt(run, 1).reach(Faults.Point.MID_TRAIN));
    assertThatThrownBy(() -> f.forAttempt(run, 1).reach(Faults.Point.COMMIT))
        .isInstanceOf(InjectedFault.class);
    assertThatNoException().isThrownBy(() -> f.forAttempt(run, 2).reach(Faults.Point.COMMIT));
    RunSpec other = SweepJobTest.specs().stream()
        .filter(s -> !s.runId().startsWith(run.runId().substring(0, 4))).findFirst().orElseThrow();
    assertThatNoException().isThrownBy(() -> f.forAttempt(other, 0).reach(Faults.Point.COMMIT));
    assertThat(FaultInjection.parse(null).isEmpty()).isTrue();
  }

  @Test
  void noSpaceFailsEveryFileOnceEnoughRunsAreCommitted(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws java.io.IOException {
    FaultInjection f = FaultInjection.parse("no-space:1,start:1");
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.resolve("x").toUri());

    assertThat(f.noSpaceAfter()).isEqualTo(1);
    assertThat(f.isEmpty()).isFalse();
    assertThatNoException().isThrownBy(() -> f.forAttempt(run, 0, dir.toString()).write(file));
    java.nio.file.Files.createDirectories(dir.resolve("results/modulus=7"));
    java.nio.file.Files.writeString(dir.resolve("results/modulus=7/" + run.runId() + ".parquet"),
        "");
    assertThatThrownBy(() -> f.forAttempt(run, 3, dir.toString()).write(file))
        .isInstanceOf(java.io.IOException.class).hasMessage("No space left on device");
  }

  @ParameterizedTest
  @ValueSource(strings = {"no-space", "no-space:x", "halfway:1", "start", "start:0", "commit:1@XYZ", "start:1;commit:1"})
  void malformedRulesNameTheKeyAndTheValue(String value) {
    assertThatThrownBy(() -> FaultInjection.parse(value))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("spark.grok.fault-injection: must be")
        .hasMessageContaining("found ");
  }
}
