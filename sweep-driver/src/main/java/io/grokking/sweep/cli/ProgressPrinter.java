package io.grokking.sweep.cli;

import io.grokking.sweep.spark.Progress;
import io.grokking.sweep.spark.ProgressTracker;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows a sweep's progress while it runs: on a terminal one line redrawn in place every second,
 * otherwise (a log file, CI) a plain line every {@link #PLAIN_EVERY}.
 */
final class ProgressPrinter implements AutoCloseable {
  static final Duration LIVE_EVERY = Duration.ofSeconds(1);
  static final Duration PLAIN_EVERY = Duration.ofSeconds(30);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final ProgressTracker tracker;
  private final PrintStream out;
  private final boolean live;
  private final String label;
  private final ScheduledExecutorService timer;
  private int lastLength;

  private ProgressPrinter(ProgressTracker tracker, Console console, String label) {
    this.tracker = tracker;
    this.label = label;
    this.out = console.out();
    this.live = console.interactive();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "grok-progress");
      t.setDaemon(true);
      return t;
    });
  }

  static ProgressPrinter start(ProgressTracker tracker, Console console) {
    return start(tracker, console, "");
  }

  /** As above, each line starting with {@code label} (such as {@code round 1/2: }). */
  static ProgressPrinter start(ProgressTracker tracker, Console console, String label) {
    ProgressPrinter printer = new ProgressPrinter(tracker, console, label);
    long every = (console.interactive() ? LIVE_EVERY : PLAIN_EVERY).toMillis();
    printer.timer.scheduleAtFixedRate(printer::print, every, every, TimeUnit.MILLISECONDS);
    return printer;
  }

  private synchronized void print() {
    String line = label + line(tracker.snapshot());
    if (live) {
      out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
      out.flush();
      lastLength = line.length();
    } else {
      out.println(LocalTime.now().format(CLOCK) + " " + line);
    }
  }

  /** Prints the final state once more, so the last line shown is never stale. */
  @Override
  public synchronized void close() {
    timer.shutdownNow();
    print();
    if (live) {
      out.println();
    }
  }

  static String line(Progress p) {
    return String.format("%d/%d runs done, %d running, %d failed, %d generalized, %s elapsed, ETA %s",
        p.done(), p.total(), p.running(), p.failed(), p.generalized(), format(p.elapsed()),
        p.eta().map(ProgressPrinter::format).orElse("?"));
  }

  /** {@code 1h02m03s}, {@code 2m03s} or {@code 45s}. */
  static String format(Duration d) {
    long s = d.toSeconds();
    if (s >= 3600) {
      return String.format("%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
    }
    return s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
