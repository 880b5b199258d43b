package io.grokking.trainer.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.run.RunExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check reads the runs in parallel but reports as the serial check did: every committed run
 * counted, the damaged ones in file order (run id within a modulus) whatever order their reads
 * finish in.
 */
class DamagedRunsOrderTest {
  private final Configuration conf = SharedConfiguration.get();
  @TempDir Path dir;

  @Test
  void damagedRunsComeInFileOrder() throws Exception {
    List<RunSpec> specs = new ArrayList<>();
    for (int seed = 0; seed < 6; seed++) {
      RunSpec spec = TestRuns.spec(7, 1.0, 0.5, seed, TestRuns.train(16, 1e-2, 10, 5));
      RunExecutor.execute(spec, dir.toString(), "a" + seed, conf);
      specs.add(spec);
    }
    specs.sort(Comparator.comparing(RunSpec::runId));
    List<String> damagedIds = new ArrayList<>();
    // every other run in id order loses the end of its spectra, neurons or result file
    String[] tables = {Layout.SPECTRA, Layout.NEURONS, Layout.RESULTS};
    for (int i = 0; i < specs.size(); i += 2) {
      RunSpec spec = specs.get(i);
      String table = tables[i / 2];
      DamagedRunsTest.truncate(dir.resolve(table + "/modulus=7/" + spec.runId() + ".parquet"),
          12);
      damagedIds.add(spec.runId());
    }

    DamagedRuns.Report report = DamagedRuns.check(new Layout(dir.toString()), conf);

    assertThat(report.committed()).isEqualTo(6);
    assertThat(report.damaged()).extracting(DamagedRuns.Damage::runId)
        .containsExactlyElementsOf(damagedIds);
    assertThat(report.damaged()).extracting(DamagedRuns.Damage::table)
        .containsExactly(tables);
  }
}
