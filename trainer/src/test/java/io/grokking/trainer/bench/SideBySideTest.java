package io.grokking.trainer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.config.Precision;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.model.embedmlp.EmbedMlpFamily;
import io.grokking.trainer.task.ModularTask;
import io.grokking.trainer.task.group.GroupComposition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench command's edges and output format, without timing anything: usage errors exit 2
 * before any training, the peer's JSON line is read, a missing peer is skipped with the reason,
 * and our JSON line carries the fields the issue asks for.
 */
class SideBySideTest {

  @Test
  void unknownConfigurationIsAUsageError(@TempDir Path repo) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = SideBySide.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), repo,
        List.of("R1", "R9"), 300);
    assertThat(code).isEqualTo(SideBySide.USAGE);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("--configs: each must be one of [G1, G2, G3, R1, R2, T1, T2], found R9");
  }

  @Test
  void fewerStepsThanBlocksIsAUsageError(@TempDir Path repo) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = SideBySide.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), repo,
        List.of("R2"), 5);
    assertThat(code).isEqualTo(SideBySide.USAGE);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--steps").contains("found 5");
  }

  @Test
  void groupPresetsTrainTheirGroupOnEmbedMlpAsThePeerDoes() {
    StepBenchmark.Preset g2 = StepBenchmark.PRESETS.get("G2");
    RunSpec spec = g2.spec(100, 1);
    assertThat(spec.model().family()).isEqualTo(EmbedMlpFamily.NAME);
    assertThat(spec.model().option(EmbedMlpFamily.EMBED_DIM)).isEqualTo(256);
    assertThat(spec.train().width()).isEqualTo(128);
    assertThat(spec.train().precision()).isEqualTo(Precision.FLOAT32);
    assertThat(spec.task().option(GroupComposition.GROUP)).isEqualTo("S5");
    assertThat(spec.modulus()).isEqualTo(120);
    assertThat(spec.weightDecay()).isEqualTo(1.0);
    assertThat(spec.train().learningRate()).isEqualTo(1e-3);
    // torch_group.py trains on int(frac * N^2) pairs: 1 800, 5 760 and 4 177
    assertThat(ModularTask.of(spec).train().size()).isEqualTo(5760);
    assertThat(ModularTask.of(StepBenchmark.PRESETS.get("G1").spec(100, 1)).train().size())
        .isEqualTo(1800);
    assertThat(ModularTask.of(StepBenchmark.PRESETS.get("G3").spec(100, 1)).train().size())
        .isEqualTo(4177);
    assertThat(g2.peerScript()).isEqualTo("torch_group.py");
  }

  @Test
  void peerIsSkippedWithTheReasonWhenItsScriptIsMissing(@TempDir Path dir) {
    StringBuilder whyNot = new StringBuilder();
    assertThat(TorchPeer.locate(dir.resolve("repo"), null, whyNot)).isEmpty();
    assertThat(whyNot.toString()).contains("peer script not found at")
        .contains(dir.resolve("shared").resolve("peer").resolve("torch_mlp.py").toString());
  }

  @Test
  void readsThePeersJsonLine() {
    TorchPeer.Figures f = TorchPeer.parse("{\"peer\": \"pytorch\", \"torch\": \"1.13.0a0\", "
        + "\"preset\": \"R1\", \"threads\": 1, \"n_train\": 4704, \"ms_per_step\": 28.5, "
        + "\"ms_min\": 27.25, \"ms_max\": 3.1e1, \"last_loss\": 0.32}");
    assertThat(f.msPerStep()).isEqualTo(28.5);
    assertThat(f.msMin()).isEqualTo(27.25);
    assertThat(f.msMax()).isEqualTo(31.0);
    assertThat(f.nTrain()).isEqualTo(4704);
    assertThat(f.torchVersion()).isEqualTo("1.13.0a0");
  }

  @Test
  void jsonLineHasConfigMsPerStepAndRatio() {
    StepBenchmark.Result ours = new StepBenchmark.Result(StepBenchmark.PRESETS.get("R1"), 1, 4704,
        new double[] {15, 14, 16, 15, 30, 15, 14, 15, 16, 15}, 0.5);
    SideBySide.Row row = new SideBySide.Row(ours,
        new TorchPeer.Figures(30.0, 28.0, 33.0, 4704, "1.13"), null);
    assertThat(row.ratio()).isCloseTo(0.5, within(1e-12));
    String json = SideBySide.json(row, 300);
    assertThat(json).startsWith("{\"config\":\"R1\"").contains("\"ms_per_step\":15.0000")
        .contains("\"n_train\":4704").contains("\"ms_min\":14.0000").contains("\"ms_max\":30.0000")
        .contains("\"pytorch_ms_per_step\":30.0000").contains("\"ratio\":0.5000").endsWith("}");
    String withoutPeer = SideBySide.json(new SideBySide.Row(ours, null, null), 300);
    assertThat(withoutPeer).contains("\"pytorch_ms_per_step\":null").contains("\"ratio\":null");
  }
}
