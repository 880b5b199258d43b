package io.grokking.analysis.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.testing.Runs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunsCsvTest {
  static final List<String> CONTRACT = List.of("run_id", "modulus", "weight_decay",
      "train_fraction", "seed", "status", "steps_run", "t_train_90", "t_test_90", "t_train_95",
      "t_test_95", "t_train_99", "t_test_99", "final_train_acc", "final_test_acc", "phase");

  @Test
  void headerStartsWithTheContractColumnsInOrder() {
    String csv = new String(RunsCsv.render(List.of()), StandardCharsets.UTF_8);
    assertThat(csv.lines().toList()).singleElement()
        .satisfies(h -> assertThat(List.of(h.split(",")).subList(0, 16)).isEqualTo(CONTRACT));
    assertThat(RunTable.COLUMNS).contains("delay", "lottery_ticket_hit_rate",
        "lottery_ticket_chance", "message");
  }

  @Test
  void nullsAreEmptyAndTextIsQuotedOnlyWhenNeeded() {
    String csv = new String(RunsCsv.render(List.of(Runs.of(7, 0.5, 0.3, 1, Phase.FAILED, null))),
        StandardCharsets.UTF_8);
    String row = csv.lines().toList().get(1);
    assertThat(row).contains(",7,0.5,0.3,1,failed,0,,,,,,,,,failed,");
    assertThat(RunsCsv.quote("a,b")).isEqualTo("\"a,b\"");
    assertThat(RunsCsv.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(RunsCsv.quote("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(RunsCsv.quote("plain")).isEqualTo("plain");
  }
}
