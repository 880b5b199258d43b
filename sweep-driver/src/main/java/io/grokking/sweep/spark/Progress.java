package io.grokking.sweep.spark;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of a running sweep.
 *
 * @param done runs finished, whatever their status, including skipped ones
 * @param running task attempts in flight
 * @param failed finished runs that failed or diverged
 * @param generalized finished runs stopped early, generalized or with their phase settled
 * @param skipped finished runs that were already committed by an earlier attempt
 * @param retried task attempts that ended without a result (a run that threw, a lost executor)
 */
public record Progress(int total, int done, int running, int failed, int generalized, int skipped,
    int retried, Duration elapsed) {

  /** Remaining runs at the pace of the trained ones so far; empty until one has trained. */
  public Optional<Duration> eta() {
    int trained = done - skipped;
    if (trained <= 0) {
      return Optional.empty();
    }
    return Optional.of(elapsed.multipliedBy(total - done).dividedBy(trained));
  }
}
