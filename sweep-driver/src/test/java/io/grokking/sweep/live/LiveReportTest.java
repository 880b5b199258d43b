package io.grokking.sweep.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Spark settings the live report asks of the session, and which it leaves to the user. */
class LiveReportTest {

  @Test
  void asksForFairSchedulingWithThePoolsOfTrainingAndTheReport() throws IOException {
    Map<String, String> conf = LiveReport.sparkConf(Map.of());
    assertThat(conf).containsEntry("spark.scheduler.mode", "FAIR");
    String pools = Files.readString(Path.of(conf.get("spark.scheduler.allocation.file")));
    assertThat(pools).contains("<pool name=\"default\">", "<weight>1000</weight>",
        "<pool name=\"" + LiveReport.POOL + "\">", "<minShare>1</minShare>");
  }

  @Test
  void leavesASchedulerModeOrPoolsFileOfTheUserAlone() {
    assertThat(LiveReport.sparkConf(Map.of("spark.scheduler.mode", "FIFO"))).isEmpty();
    assertThat(LiveReport.sparkConf(Map.of("spark.scheduler.allocation.file", "/my/pools.xml")))
        .isEmpty();
  }
}
