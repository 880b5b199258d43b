package io.grokking.sweep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run log on a full disk: every write of its file fails with the kernel's own "No space left on
 * device" ({@code /dev/full}), and log4j says nothing about it. Its status logger, which prints on
 * the console, used to receive a stack trace per failed line.
 */
class RunLogFullDiskTest {
  private static final Logger LOG = LoggerFactory.getLogger("io.grokking.test.full-disk");

  @TempDir Path dir;

  @Test
  void aLogFileOnAFullDiskFailsSilentlyAndTheSummaryLineSaysSo() throws Exception {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full), "needs Linux's /dev/full");
    List<StatusData> status = new CopyOnWriteArrayList<>();
    StatusListener listener = new Collecting(status);
    StatusLogger.getLogger().registerListener(listener);
    String line;
    try (RunLog log = RunLog.start(dir.toString(), "sweep",
        file -> new QuietLogStream(new FileOutputStream(full.toFile())))) {
      for (int i = 0; i < 50; i++) {
        LOG.warn("line {} of a sweep whose disk is full", i,
            new IllegalStateException("with a stack trace"));
      }
      line = log.line();
    } finally {
      StatusLogger.getLogger().removeListener(listener);
    }

    assertThat(status).as("log4j's status output").isEmpty();
    assertThat(line).startsWith("log: " + dir.resolve("logs").resolve("sweep-"))
        .endsWith(" (cut short: No space left on device)");
  }

  @Test
  void aWritableLogFileKeepsEveryLineAndItsSummaryLineIsPlain() throws Exception {
    Path file;
    String line;
    try (RunLog log = RunLog.start(dir.toString(), "sweep")) {
      LOG.warn("one line");
      file = log.file().orElseThrow();
      line = log.line();
    }

    assertThat(line).isEqualTo("log: " + file);
    assertThat(Files.readString(file)).contains("one line");
  }

  private record Collecting(List<StatusData> into) implements StatusListener {
    @Override
    public void log(StatusData data) {
      into.add(data);
    }

    @Override
    public Level getStatusLevel() {
      return Level.WARN;
    }

    @Override
    public void close() {}
  }
}
