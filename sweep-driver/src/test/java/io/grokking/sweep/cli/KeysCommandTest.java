package io.grokking.sweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.sweep.config.KeyTable;
import io.grokking.trainer.config.Setting;
import io.grokking.trainer.config.Settings;
import io.grokking.trainer.config.TrainConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grok keys}: every declared setting listed once with its default, the values a
 * configuration gives with where they come from, and the README's table equal to the
 * declarations.
 */
class KeysCommandTest {
  private static final Path DEMO = Path.of("..", "conf", "demo.conf");
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int grok(String... args) {
    return InProcess.grok(out, err, args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theReadmeTableIsTheDeclarations() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("| key | default | allowed | meaning |");
    assertThat(start).as("the README has the key table").isGreaterThan(0);
    String table = readme.substring(start, readme.indexOf("\n\n", start) + 1);
    assertThat(table).isEqualTo(KeyTable.markdown());
    assertThat(grok("keys", "--markdown")).isZero();
    assertThat(out()).isEqualTo(table);
  }

  @Test
  void listsEveryDeclaredKeyOnceWithItsDefault() {
    assertThat(grok("keys")).isZero();
    String text = out();
    List<String> keyLines = text.lines().filter(l -> !l.startsWith(" ") && !l.startsWith("#"))
        .toList();
    assertThat(keyLines).hasSize(KeyTable.declared("").size());
    for (Setting s : Settings.DECLARED) {
      assertThat(keyLines).filteredOn(l -> l.startsWith(s.key() + " = ")).as(s.key()).hasSize(1);
    }
    assertThat(text).contains("train.learning-rate = 1e-3\n    a number > 0;",
        "train.width = 512\n", "grok sweep without --config starts from conf/demo.conf");
  }

  @Test
  void aPrefixNarrowsTheList() {
    assertThat(grok("keys", "model.")).isZero();
    assertThat(out().lines().filter(l -> !l.startsWith(" ") && !l.startsWith("#")))
        .hasSize(9).allMatch(l -> l.startsWith("model."))
        .anyMatch(l -> l.startsWith("model.embed-dim = 256"))
        .anyMatch(l -> l.startsWith("model.layers = 1"));
  }

  @Test
  void showsTheValueASweepWouldUseAndWhereItComesFrom() throws IOException {
    Path conf = Files.writeString(dir.resolve("mine.conf"),
        "sweep.moduli = [23]\ntrain {\n  learning-rate = 3e-3\n}\n"
            + "sweep.axes { train.beta2 = [0.98, 0.999] }\n");
    assertThat(grok("keys", "--config", conf.toString(), "--set", "train.width=64")).isZero();
    String text = out();
    assertThat(text).contains(
        "train.learning-rate = 3e-3    (in " + conf + " line 3; default 1e-3)",
        "train.width = 64    (from --set train.width=64; default 512)",
        "train.steps = 10000    (default)",
        "sweep.moduli = [23]    (in " + conf + " line 1; default [97])",
        "sweep.axes.train.beta2 = [0.98, 0.999]    (axis in " + conf + " line 5; default 0.98)",
        "train.settle-window = = train.stop-window    (default)");
  }

  @Test
  void theDemoIsNotTheDefaults() {
    assertThat(grok("keys", "--config", DEMO.toString(), "train.learning-rate")).isZero();
    assertThat(out()).startsWith("train.learning-rate = 3e-3    (in " + DEMO + " line ")
        .contains("; default 1e-3)");
  }

  @Test
  void aBadValueIsRefusedAsTheSweepRefusesIt() {
    assertThat(grok("keys", "--set", "train.width=0")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("train.width: must be " + TrainConfig.WIDTH.allowed() + ", found 0");
    assertThat(out()).isEmpty();
  }

  @Test
  void anUnknownPrefixIsRefused() {
    assertThat(grok("keys", "trian.")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("PREFIX: must begin at least one key", "found trian.");
  }
}
