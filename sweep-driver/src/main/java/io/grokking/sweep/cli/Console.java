package io.grokking.sweep.cli;

import java.io.PrintStream;

/**
 * Where the command line writes what the user reads; tests pass their own streams.
 *
 * @param out results, progress and the final summary
 * @param err {@code error: ...} lines
 * @param interactive a terminal is attached, so progress can redraw one line in place
 */
public record Console(PrintStream out, PrintStream err, boolean interactive) {
  public static Console system() {
    return new Console(System.out, System.err, System.console() != null);
  }
}
