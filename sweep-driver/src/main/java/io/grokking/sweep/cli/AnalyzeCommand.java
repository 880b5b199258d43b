package io.grokking.sweep.cli;

import io.grokking.analysis.AnalysisOptions;
import io.grokking.sweep.analyze.AnalyzeStage;
import io.grokking.sweep.config.SweepConfig;
import io.grokking.sweep.spark.SessionSettings;
import io.grokking.sweep.spark.SweepJob;
import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.output.DamagedRuns;
import io.grokking.trainer.output.UnwritableOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code grok analyze DIR}: classifies the runs of a sweep directory into phases and draws its
 * report. Phase settings come from {@code DIR/sweep.conf}; the options here override them.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = "Classify the runs of a sweep output directory into phases and draw the"
        + " report under DIR/report.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the report was written",
        "1:the analysis failed, or committed runs whose files cannot be read were left out of"
            + " the report (each is named; grok sweep into DIR trains them again)",
        "2:usage or configuration error",
        "3:DIR could not be written (no space left, quota, read-only, permission denied)"})
final class AnalyzeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(AnalyzeCommand.class);

  @Parameters(index = "0", paramLabel = "DIR", description = "a sweep output directory")
  String dir;

  @Option(names = "--phase-threshold", paramLabel = "X",
      description = "accuracy that counts as fitted or generalized, in (0, 1]"
          + " (default: analysis.phase-threshold of DIR/sweep.conf)")
  Double phaseThreshold;

  @Option(names = "--phase-gap", paramLabel = "N",
      description = "steps test accuracy must lag train accuracy to count as grokking"
          + " (default: analysis.phase-gap of DIR/sweep.conf)")
  Integer phaseGap;

  @Option(names = "--phase-rule", paramLabel = "RULE",
      description = "gap (Liu et al. 2022: grokking when test lags train by >= the gap) or ratio"
          + " (grokking when t_test >= r · t_train) (default: analysis.phase-rule of"
          + " DIR/sweep.conf)")
  String phaseRule;

  @Option(names = "--phase-ratio", paramLabel = "R",
      description = "r of the ratio rule, > 1 (default: analysis.phase-ratio of DIR/sweep.conf)")
  Double phaseRatio;

  @Option(names = "--x", paramLabel = "KEY",
      description = "the setting across the phase diagrams, an axis of the sweep such as"
          + " train.learning-rate (default: analysis.x of DIR/sweep.conf)")
  String x;

  @Option(names = "--y", paramLabel = "KEY",
      description = "the setting up the phase diagrams (default: analysis.y of DIR/sweep.conf)")
  String y;

  @Option(names = "--loss-milestones", split = ",", paramLabel = "L",
      description = "loss levels whose first crossing (train and test) runs.csv records, e.g."
          + " 1.0,0.1 (default: analysis.loss-milestones of DIR/sweep.conf)")
  List<String> lossMilestones;

  @Option(names = AnalysisOptions.RUNS_KEY, split = ",", paramLabel = "RUNID",
      description = "also draw the mechanistic figures (Fourier spectrum over training, neuron"
          + " frequencies at init and at the end) of these runs, ids from report/runs.csv;"
          + " one typical run of each phase is always drawn")
  List<String> runs = new ArrayList<>();

  @Option(names = "--master", paramLabel = "URL", defaultValue = SweepJob.DEFAULT_MASTER,
      description = "Spark master (default: ${DEFAULT-VALUE})")
  String master;

  @Option(names = "--spark-ui", negatable = true, defaultValue = "false", fallbackValue = "true",
      description = "serve the Spark web UI while analysing (default: off)")
  boolean sparkUi;

  private final Console console;

  AnalyzeCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws Exception {
    String outDir = OutputDir.normalize(dir);
    // each option given overrides its key of DIR/sweep.conf, as --set would
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("analysis.phase-threshold", phaseThreshold);
    given.put("analysis.phase-gap", phaseGap);
    given.put("analysis.phase-rule", phaseRule);
    given.put("analysis.phase-ratio", phaseRatio);
    given.put("analysis.x", x);
    given.put("analysis.y", y);
    given.put("analysis.loss-milestones",
        lossMilestones == null ? null : "[" + String.join(",", lossMilestones) + "]");
    List<String> overrides = new ArrayList<>();
    given.forEach((key, value) -> {
      if (value != null) {
        overrides.add(key + "=" + value);
      }
    });
    SweepConfig sweep = OutputDir.sweepConfig(outDir, overrides);
    SessionSettings settings = new SessionSettings(master, "grok analyze " + outDir, sparkUi,
        sweep.train().threads(), Map.of(), false);
    try (RunLog log = RunLog.start(outDir, "analyze");
        SparkSession spark = SweepJob.session(settings)) {
      try {
        AnalyzeStage.Report report = AnalyzeStage.run(spark, outDir, sweep, runs);
        console.out().println(report.summary());
        console.out().println("report: " + report.reportPath());
        console.out().println(log.line());
        for (DamagedRuns.Damage d : report.damaged()) {
          console.err().println("error: damaged " + d.describe());
        }
        if (!report.damaged().isEmpty()) {
          console.err().println("error: " + report.damaged().size() + " of the committed runs"
              + " cannot be read and were left out of the report; grok sweep into " + outDir
              + " moves them aside and trains them again");
          return GrokCli.EXIT_FAILED;
        }
        return GrokCli.EXIT_OK;
      } catch (Exception | org.apache.hadoop.fs.FSError e) {
        // Hadoop's local file system reports a full disk as FSError, an Error, and Spark a
        // refused write of its tasks as SparkException, checked but thrown undeclared
        Optional<UnwritableOutput.Reason> reason = UnwritableOutput.reasonOf(e);
        if (reason.isEmpty() || e instanceof ConfigException) {
          throw e;
        }
        LOG.warn("grok analyze could not write {}", outDir, e);
        console.err().println("error: " + reason.get().description() + " under " + outDir
            + ": the report could not be written; " + reason.get().remedy()
            + " and run the same command again" + log.file().map(f -> " (details in " + f + ")")
            .orElse(""));
        return GrokCli.EXIT_UNWRITABLE;
      }
    }
  }
}
