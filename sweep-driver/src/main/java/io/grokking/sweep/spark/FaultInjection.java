package io.grokking.sweep.spark;

import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.output.Layout;
import io.grokking.trainer.run.Faults;
import io.grokking.trainer.run.InjectedFault;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The {@value #KEY} setting, for tests: makes the first attempts of chosen runs die at a chosen
 * point, as an executor crash would, so that retries and resumes can be shown to neither lose nor
 * duplicate a run. The value is a comma-separated list of rules {@code POINT:N[@RUN]}: the first
 * N attempts of every run (or of the runs whose id starts with RUN) throw an
 * {@link InjectedFault} at POINT, one of {@code start}, {@code mid-train} (after the row of step
 * steps/2, past any earlier checkpoint) and {@code commit} (data files published, result not yet).
 * The rule {@code no-space:K} fills the disk instead: once DIR holds K committed runs, every file
 * an attempt creates fails with the {@link IOException} a full device raises ("No space left on
 * device"). The rule {@code partial-report:N} makes the first N refreshes of the partial report
 * (sweep.report-every) throw on the driver. sweep-driver/FAULTS.md documents it.
 *
 * @param rules the parsed rules, empty when the setting is absent
 * @param noSpaceAfter the K of {@code no-space:K}, or −1 when there is no such rule
 * @param partialReportFailures the N of {@code partial-report:N}, or 0
 */
public record FaultInjection(List<Rule> rules, int noSpaceAfter, int partialReportFailures)
    implements Serializable {
  /** The Spark setting that carries the rules, e.g. {@code --spark-conf KEY=mid-train:1}. */
  public static final String KEY = "spark.grok.fault-injection";
  public static final FaultInjection NONE = new FaultInjection(List.of());
  /** The message of the injected write failure, as strerror(ENOSPC) words it. */
  static final String NO_SPACE_MESSAGE = "No space left on device";
  private static final Pattern RULE =
      Pattern.compile("(start|mid-train|commit):(\\d{1,4})(?:@([0-9a-f]{1,16}))?");
  private static final Pattern NO_SPACE = Pattern.compile("no-space:(\\d{1,4})");
  private static final Pattern PARTIAL_REPORT = Pattern.compile("partial-report:(\\d{1,4})");

  /** Attempts 0 .. attempts − 1 of the runs whose id starts with {@code runPrefix} die at point. */
  public record Rule(Faults.Point point, int attempts, String runPrefix) implements Serializable {}

  public FaultInjection {
    rules = List.copyOf(rules);
  }

  public FaultInjection(List<Rule> rules) {
    this(rules, -1);
  }

  public FaultInjection(List<Rule> rules, int noSpaceAfter) {
    this(rules, noSpaceAfter, 0);
  }

  /** Parses the setting's value; a malformed one is a {@link ConfigException} naming the key. */
  public static FaultInjection parse(String value) {
    if (value == null || value.isBlank()) {
      return NONE;
    }
    List<Rule> rules = new ArrayList<>();
    int noSpaceAfter = -1;
    int partialReportFailures = 0;
    for (String part : value.split(",")) {
      Matcher full = NO_SPACE.matcher(part.trim());
      if (full.matches()) {
        noSpaceAfter = Integer.parseInt(full.group(1));
        continue;
      }
      Matcher report = PARTIAL_REPORT.matcher(part.trim());
      if (report.matches()) {
        partialReportFailures = Integer.parseInt(report.group(1));
        continue;
      }
      Matcher m = RULE.matcher(part.trim());
      if (!m.matches() || Integer.parseInt(m.group(2)) < 1) {
        throw new ConfigException(KEY, "must be a comma-separated list of POINT:N[@RUN] with"
            + " POINT one of start, mid-train, commit, N an attempt count >= 1 and RUN a run id"
            + " prefix, no-space:K with K a count of committed runs, or partial-report:N,"
            + " found " + part.trim());
      }
      rules.add(new Rule(Faults.Point.valueOf(m.group(1).replace('-', '_')
          .toUpperCase(Locale.ROOT)), Integer.parseInt(m.group(2)),
          m.group(3) == null ? "" : m.group(3)));
    }
    return new FaultInjection(rules, noSpaceAfter, partialReportFailures);
  }

  public boolean isEmpty() {
    return rules.isEmpty() && noSpaceAfter < 0 && partialReportFailures == 0;
  }

  /** Throws at the {@code refresh}-th (0-based) refresh of the partial report, if a rule says so. */
  public void partialReport(int refresh) {
    if (refresh < partialReportFailures) {
      throw new InjectedFault(KEY + ": partial report refresh " + refresh + " fails");
    }
  }

  /** The faults of one attempt (0-based {@code attemptNumber}) of {@code spec}. */
  public Faults forAttempt(RunSpec spec, int attemptNumber) {
    return forAttempt(spec, attemptNumber, null);
  }

  /** As above; {@code outDir} is where {@code no-space:K} counts the committed runs. */
  public Faults forAttempt(RunSpec spec, int attemptNumber, String outDir) {
    if (isEmpty()) {
      return Faults.NONE;
    }
    List<Rule> applying = rules.stream()
        .filter(r -> attemptNumber < r.attempts() && spec.runId().startsWith(r.runPrefix()))
        .toList();
    return new AttemptFaults(applying, noSpaceAfter, outDir, spec.runId(), attemptNumber);
  }

  /** One attempt's faults. Holds only serializable fields. */
  private record AttemptFaults(List<Rule> applying, int noSpaceAfter, String outDir,
      String runId, int attemptNumber) implements Faults {
    @Override
    public void reach(Faults.Point point) {
      if (applying.stream().anyMatch(r -> r.point() == point)) {
        throw new InjectedFault(KEY + ": attempt " + attemptNumber + " of run " + runId
            + " dies at " + point.name().toLowerCase(Locale.ROOT).replace('_', '-'));
      }
    }

    @Override
    public void write(Path file) throws IOException {
      if (noSpaceAfter >= 0 && outDir != null && committed(outDir) >= noSpaceAfter) {
        // what FileOutputStream.write says when write(2) fails with ENOSPC
        throw new IOException(NO_SPACE_MESSAGE);
      }
    }

    private static int committed(String outDir) throws IOException {
      Path results = new Layout(outDir).table(Layout.RESULTS);
      FileSystem fs = results.getFileSystem(SweepJob.hadoopConf());
      if (!fs.exists(results)) {
        return 0;
      }
      int n = 0;
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(results, true);
      while (files.hasNext()) {
        n += files.next().getPath().getName().endsWith(".parquet") ? 1 : 0;
      }
      return n;
    }
  }
}
