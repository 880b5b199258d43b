package io.grokking.sweep.cli;

import io.grokking.sweep.config.ConfigLoader;
import io.grokking.sweep.config.SweepConfig;
import io.grokking.sweep.grid.GridExpander;
import io.grokking.sweep.lease.DirectoryLease;
import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.output.DamagedRuns;
import io.grokking.trainer.output.Layout;
import io.grokking.trainer.output.SharedConfiguration;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code grok verify DIR}: checks every committed run of a sweep the way {@code grok sweep} does
 * before it trains ({@link DamagedRuns}) and reports, changing nothing. No Spark: it reads the
 * result files and the Parquet footers of the rest.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check every committed run of a sweep output directory without changing"
        + " anything: its result file is read, the Parquet footers of its metrics, spectra and"
        + " neurons files are read, and the metrics' row count is held against the result's"
        + " steps_run. Names each damaged run (run id, file, the reader's reason); grok sweep"
        + " into DIR moves those aside to DIR/_damaged and trains them again. Also reports"
        + " the runs still to train and the driver holding DIR, if any.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every committed run can be read",
        "1:some committed runs are damaged (each is named)",
        "2:usage error: DIR is not a sweep output directory"})
final class VerifyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "a sweep output directory")
  String dir;

  private final Console console;

  VerifyCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws IOException {
    String outDir = OutputDir.normalize(dir);
    String conf = OutputDir.requireSweepConf(outDir);
    Layout layout = new Layout(outDir);
    Configuration hadoop = SharedConfiguration.get();
    DamagedRuns.Report report = DamagedRuns.check(layout, hadoop);
    String total = "";
    try {
      SweepConfig sweep = ConfigLoader.parse(conf, layout.sweepConf().toString(), List.of());
      total = " of " + GridExpander.expand(sweep).size();
    } catch (ConfigException e) {
      // an unreadable sweep.conf still lets the files be checked; only the total is unknown
    }
    int damaged = report.damaged().size();
    console.out().printf("grok verify: %d%s runs committed in %s, %s%n", report.committed(),
        total, outDir, damaged == 0 ? "all readable" : damaged + " damaged");
    for (DamagedRuns.Damage d : report.damaged()) {
      console.out().println("  damaged " + d.describe());
    }
    FileSystem fs = layout.root().getFileSystem(hadoop);
    int staging = count(fs, new Path(outDir, Layout.STAGING));
    int checkpoints = count(fs, new Path(outDir, Layout.CHECKPOINTS));
    if (staging + checkpoints > 0) {
      console.out().printf("  unfinished attempts: %d staging, %d checkpointed (the next grok"
          + " sweep removes the first and resumes from the second)%n", staging, checkpoints);
    }
    int movedAside = count(fs, layout.damaged());
    if (movedAside > 0) {
      console.out().printf("  %s holds %d earlier moves of damaged files%n", layout.damaged(),
          movedAside);
    }
    try {
      DirectoryLease.Holder holder = DirectoryLease.read(layout, hadoop).orElse(null);
      console.out().println("  lease: " + (holder == null ? "none (no grok sweep is running)"
          : holder.describe(Instant.now())));
    } catch (IOException e) {
      console.out().println("  lease: unreadable (" + e.getMessage() + ")");
    }
    if (damaged > 0) {
      console.out().println("grok sweep into " + outDir + " moves the damaged runs aside and"
          + " trains them again");
      return GrokCli.EXIT_FAILED;
    }
    return GrokCli.EXIT_OK;
  }

  private static int count(FileSystem fs, Path dir) throws IOException {
    if (!fs.exists(dir)) {
      return 0;
    }
    FileStatus[] entries = fs.listStatus(dir);
    int n = 0;
    for (FileStatus e : entries) {
      n += e.getPath().getName().startsWith(".") ? 0 : 1;
    }
    return n;
  }
}
