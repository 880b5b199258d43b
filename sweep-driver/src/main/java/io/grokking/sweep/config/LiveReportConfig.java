package io.grokking.sweep.config;

import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.config.Setting;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When {@code grok sweep} refreshes {@code DIR/report/} from the runs committed so far while it
 * still trains ({@code sweep.report-every}, {@code sweep.report-min-interval}). A refresh is due
 * once {@link #step} more runs have finished since the last one and at least {@code minInterval}
 * has passed since it started (since training started, for the first: a sweep done within
 * {@code minInterval} is analysed once, at its end, as it always was).
 *
 * <p>The default, every 10 % of the sweep's runs but at most once per 2 minutes, bounds the cost:
 * at most about ten partial analyses per sweep, each over part of the runs, so together they cost
 * a few times the final analysis whatever the sweep's size; and a sweep of short runs, which
 * commits a tenth of its grid every few seconds, is not analysed back to back. A refresh is
 * skipped, never queued, while the previous one still runs.
 *
 * @param every       {@code off}, a number of runs N, or a share {@code P%} of the sweep's runs
 *                    (sweep.report-every); {@code 0} means off
 * @param minInterval the least time between the starts of two refreshes, in seconds
 *                    (sweep.report-min-interval)
 */
public record LiveReportConfig(String every, int minInterval) {
  public static final String OFF = "off";
  public static final String DEFAULT_EVERY = "10%";
  public static final int DEFAULT_MIN_INTERVAL = 120;
  private static final Pattern SHARE = Pattern.compile("(\\d{1,3}(?:\\.\\d+)?)\\s*%");
  private static final Pattern RUNS = Pattern.compile("\\d{1,9}");
  public static final Setting EVERY = Setting.key("sweep.report-every").word(DEFAULT_EVERY)
      .allowed("off, 0 (off), a number of runs N >= 1, or a share P% of the sweep's runs with"
          + " 0 < P <= 100")
      .doc("refresh DIR/report, marked partial, each time this many more runs have finished"
          + " while the sweep trains").sweep().build();
  public static final Setting MIN_INTERVAL = Setting.key("sweep.report-min-interval")
      .integer(DEFAULT_MIN_INTERVAL).allowed("an integer number of seconds >= 0")
      .doc("the least time between the starts of two partial report refreshes").sweep().build();
  /** The settings of the live report, as the keys table lists them. */
  public static final List<Setting> SETTINGS = List.of(EVERY, MIN_INTERVAL);

  public LiveReportConfig {
    ConfigException.check(every != null, EVERY.key(), EVERY.allowed(), "nothing");
    every = every.strip().toLowerCase(Locale.ROOT);
    if (!every.equals(OFF)) {
      Matcher share = SHARE.matcher(every);
      boolean ok = share.matches() ? Double.parseDouble(share.group(1)) > 0
          && Double.parseDouble(share.group(1)) <= 100
          : RUNS.matcher(every).matches();
      EVERY.check(ok, every);
    }
    MIN_INTERVAL.check(minInterval >= 0, minInterval);
  }

  /** The defaults: every 10 % of the runs, at most once per 2 minutes. */
  public static LiveReportConfig defaults() {
    return new LiveReportConfig(DEFAULT_EVERY, DEFAULT_MIN_INTERVAL);
  }

  /** True unless {@code every} is off or 0. */
  public boolean enabled() {
    return !every.equals(OFF) && !every.matches("0+");
  }

  /**
   * Runs to finish between two refreshes of a sweep of {@code total} runs: N, or P % of {@code
   * total} rounded up (at least 1); 0 when off.
   */
  public int step(int total) {
    if (!enabled()) {
      return 0;
    }
    Matcher share = SHARE.matcher(every);
    if (share.matches()) {
      // 10 % of 25 runs is 2.5: refresh after every 3
      double runs = Double.parseDouble(share.group(1)) / 100 * total;
      return (int) Math.max(1, Math.ceil(runs - 1e-9));
    }
    return Integer.parseInt(every);
  }

  public Duration minIntervalDuration() {
    return Duration.ofSeconds(minInterval);
  }

  /** True for the defaults, which {@code DIR/sweep.conf} leaves out. */
  public boolean isDefault() {
    return equals(defaults());
  }
}
