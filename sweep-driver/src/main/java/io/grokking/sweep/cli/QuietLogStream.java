package io.grokking.sweep.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The bytes of a run log on their way to its file, where a refused write is remembered rather
 * than thrown. The log sits under the sweep's own directory, so when that disk is full every
 * logged line fails too; thrown, each failure reached log4j's status logger, which printed its
 * whole stack trace on the console (1 330 lines for 12 runs on a 600 KB tmpfs). The first
 * refusal ends the file's writing: later bytes are dropped, and {@link #failure()} tells the
 * summary that the log is cut short.
 */
final class QuietLogStream extends OutputStream {
  private final OutputStream out;
  private volatile IOException failure;

  QuietLogStream(OutputStream out) {
    this.out = out;
  }

  /** Appends to {@code file}; throws only if the file cannot be opened at all. */
  static QuietLogStream append(Path file) throws IOException {
    return new QuietLogStream(new FileOutputStream(file.toFile(), true));
  }

  /** The first write that failed, if any. */
  IOException failure() {
    return failure;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    if (failure != null) {
      return;
    }
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      failure = e;
    }
  }

  @Override
  public synchronized void flush() {
    if (failure != null) {
      return;
    }
    try {
      out.flush();
    } catch (IOException e) {
      failure = e;
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      }
    }
  }
}
