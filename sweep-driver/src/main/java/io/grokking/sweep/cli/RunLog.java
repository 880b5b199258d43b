package io.grokking.sweep.cli;

import io.grokking.trainer.output.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.OutputStreamAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.slf4j.LoggerFactory;

/**
 * The log file of one {@code grok sweep} or {@code grok analyze}: {@code
 * DIR/logs/COMMAND-yyyyMMdd-HHmmss.log} receives every line the loggers pass, stack traces
 * included, while the console keeps one line per handled failure. Spark's own report of a failed
 * task attempt (its stack trace inside the message) goes to this file only; the sweep prints its
 * one-line account instead ({@link io.grokking.sweep.spark.ProgressTracker}).
 *
 * <p>A log file whose disk refuses a write stops there without a word on the console ({@link
 * QuietLogStream}); the summary's {@link #line()} says it is cut short.
 *
 * <p>Only for local output directories, since log4j writes local files; elsewhere there is no
 * run log and logging is as configured. Closing restores the logging configuration.
 */
final class RunLog implements AutoCloseable {
  /** Loggers whose lines (multi-line task failure reports) reach the log file only. */
  static final List<String> FILE_ONLY = List.of("org.apache.spark.scheduler.TaskSetManager",
      "org.apache.spark.executor.Executor", "org.apache.spark.scheduler.TaskSchedulerImpl");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%t] %c: %msg%n"
      + "%throwable";
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final RunLog NONE = new RunLog(null, null, null, null, List.of(), List.of());

  private final Path file;
  private final QuietLogStream stream;
  private final LoggerContext context;
  private final OutputStreamAppender appender;
  private final List<LoggerConfig> attached;
  private final List<String> added;

  private RunLog(Path file, QuietLogStream stream, LoggerContext context,
      OutputStreamAppender appender, List<LoggerConfig> attached, List<String> added) {
    this.file = file;
    this.stream = stream;
    this.context = context;
    this.appender = appender;
    this.attached = attached;
    this.added = added;
  }

  /**
   * Starts the log of {@code command} under {@code outDir} (a normalized local path or URI);
   * a run log that cannot be started (no log4j core, a remote directory) is none at all.
   */
  static RunLog start(String outDir, String command) {
    return start(outDir, command, QuietLogStream::append);
  }

  /** Opens a log file for appending. */
  @FunctionalInterface
  interface Opener {
    QuietLogStream open(Path file) throws IOException;
  }

  /** As {@link #start(String, String)}, the file opened by {@code opener} (tests). */
  static RunLog start(String outDir, String command, Opener opener) {
    if (!OutputDir.isLocalPath(outDir)
        || !(LogManager.getContext(false) instanceof LoggerContext context)) {
      return NONE;
    }
    Path dir = Path.of(outDir, Layout.LOGS);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      LoggerFactory.getLogger(RunLog.class).warn("No log file: cannot create {}: {}", dir,
          e.toString());
      return NONE;
    }
    Path file = dir.resolve(command + "-" + LocalDateTime.now().format(STAMP) + ".log");
    QuietLogStream stream;
    try {
      stream = opener.open(file);
    } catch (IOException e) {
      LoggerFactory.getLogger(RunLog.class).warn("No log file: cannot create {}: {}", file,
          e.toString());
      return NONE;
    }
    Configuration config = context.getConfiguration();
    OutputStreamAppender appender = OutputStreamAppender.newBuilder()
        .setName("grok-run-log-" + INSTANCES.incrementAndGet())
        .setTarget(stream)
        .setIgnoreExceptions(true)
        .setLayout(PatternLayout.newBuilder().withConfiguration(config).withPattern(PATTERN)
            .build())
        .setConfiguration(config)
        .build();
    appender.start();
    config.addAppender(appender);
    Set<LoggerConfig> loggers = Collections.newSetFromMap(new IdentityHashMap<>());
    loggers.addAll(config.getLoggers().values());
    loggers.add(config.getRootLogger());
    List<String> added = new ArrayList<>();
    for (String name : FILE_ONLY) {
      if (!config.getLoggers().containsKey(name)) {
        LoggerConfig parent = config.getLoggerConfig(name);
        LoggerConfig own = LoggerConfig.newBuilder().withLoggerName(name)
            .withLevel(parent.getLevel()).withAdditivity(false).withConfig(config).build();
        config.addLogger(name, own);
        added.add(name);
        loggers.add(own);
      }
    }
    List<LoggerConfig> attached = new ArrayList<>(loggers);
    for (LoggerConfig logger : attached) {
      logger.addAppender(appender, null, null);
    }
    context.updateLoggers();
    return new RunLog(file, stream, context, appender, attached, added);
  }

  /** The log file, if there is one. */
  Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /**
   * {@code log: FILE}, {@code log: none}, or {@code log: FILE (cut short: REASON)} when its disk
   * refused a write (the log says nothing from then on, and neither does the console).
   */
  String line() {
    IOException failure = stream != null ? stream.failure() : null;
    return "log: " + (file != null ? file : "none")
        + (failure != null ? " (cut short: " + failure.getMessage() + ")" : "");
  }

  @Override
  public void close() {
    if (appender == null) {
      return;
    }
    Configuration config = context.getConfiguration();
    for (LoggerConfig logger : attached) {
      logger.removeAppender(appender.getName());
    }
    for (String name : added) {
      config.removeLogger(name);
    }
    context.updateLoggers();
    appender.stop();
  }
}
