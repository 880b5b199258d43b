package io.grokking.sweep.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** When the live report refreshes: the runs between two refreshes for each form of the setting. */
class LiveReportConfigTest {

  @ParameterizedTest(name = "every {0} of {1} runs: {2}")
  @CsvSource({
      "10%, 100, 10", "10%, 25, 3", "10%, 5, 1", "10%, 1, 1", "100%, 7, 7", "0.5%, 2000, 10",
      "33.3%, 3, 1", "1, 50, 1", "4, 3, 4", "off, 100, 0", "0, 100, 0", "OFF, 5, 0"})
  void runsBetweenRefreshes(String every, int total, int step) {
    LiveReportConfig c = new LiveReportConfig(every, 0);
    assertThat(c.step(total)).isEqualTo(step);
    assertThat(c.enabled()).isEqualTo(step > 0);
  }

  @Test
  void defaultsAreATenthOfTheRunsAtMostEveryTwoMinutesAndLoadFromNothing() throws Exception {
    assertThat(LiveReportConfig.defaults()).isEqualTo(new LiveReportConfig("10%", 120));
    SweepConfig c = ConfigLoader.parse(BadConfigs.GRID, "t.conf", List.of());
    assertThat(c.liveReport()).isEqualTo(LiveReportConfig.defaults());
    assertThat(ConfigLoader.parse(BadConfigs.GRID, "t.conf", List.of("sweep.report-every=5%",
        "sweep.report-min-interval=0")).liveReport())
        .isEqualTo(new LiveReportConfig("5%", 0));
  }

  @Test
  void sweepConfLeavesTheDefaultsOutAndKeepsAnyOtherValue() throws Exception {
    Provenance p = new Provenance("17", "4.0.1", "1.0.0-M2.1", "h",
        java.time.Instant.parse("2026-01-02T03:04:05Z"), "abc");
    SweepConfig byDefault = ConfigLoader.parse(BadConfigs.GRID, "t.conf", List.of());
    assertThat(ConfigRenderer.render(byDefault, p)).doesNotContain("report-");
    SweepConfig off = ConfigLoader.parse(BadConfigs.GRID, "t.conf",
        List.of("sweep.report-every=off"));
    String rendered = ConfigRenderer.render(off, p);
    assertThat(rendered).contains("report-every = \"off\"", "report-min-interval = 120");
    assertThat(ConfigLoader.parse(rendered, "sweep.conf", List.of())).isEqualTo(off);
  }
}
