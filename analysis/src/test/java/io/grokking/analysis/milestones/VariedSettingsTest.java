package io.grokking.analysis.milestones;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.testing.Runs;
import io.grokking.trainer.config.Setting;
import io.grokking.trainer.config.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which settings of a set of runs count as varied, and so make panels and runs.csv columns. */
class VariedSettingsTest {
  private static final String MLP = "task=modular-addition;p=11;wd=1.0;frac=0.5;seed=0;width=128;"
      + "lr=0.001;steps=200;act=relu;enc=sum;eval=50;warmup=10;b1=0.9;b2=0.98;eps=1.0E-8;"
      + "init=0.1;dtype=float32;stop=true;stopth=0.99;stopwin=1000";
  private static final String TRANSFORMER = "task=modular-addition;p=11;wd=1.0;frac=0.5;seed=0;"
      + "lr=0.001;steps=200;eval=50;warmup=10;b1=0.9;b2=0.98;eps=1.0E-8;dtype=float32;stop=true;"
      + "stopth=0.99;stopwin=1000;family=transformer;d=128;heads=4;dhead=32;dmlp=512";

  private static RunRecord run(String canonical) {
    RunRecord base = Runs.of(11, 1.0, 0.5, 0, Phase.GROKKING, 2000);
    return Runs.with(base, Settings.parse(canonical));
  }

  @Test
  void settingsThatComeWithTheFamilyAreNotAxesOfTheirOwn() {
    List<String> varied = RunRecord.variedSettings(List.of(run(MLP), run(TRANSFORMER))).stream()
        .map(Setting::key).toList();
    assertThat(varied).containsExactly("model.family");
  }

  @Test
  void aFamilySettingVariesWhenItsRunsDisagree() {
    List<String> varied = RunRecord.variedSettings(List.of(run(MLP), run(TRANSFORMER),
            run(TRANSFORMER.replace(";d=128;", ";d=64;")))).stream()
        .map(Setting::key).toList();
    assertThat(varied).containsExactly("model.family", "model.d-model");
  }
}
