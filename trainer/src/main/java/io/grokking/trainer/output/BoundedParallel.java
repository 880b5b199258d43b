package io.grokking.trainer.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies a function that reads (or writes) files to every item of a list on a small pool of
 * daemon threads, and returns the results in the order of the list: work that waits on storage (a
 * footer read, a round trip to a name node) overlaps, and the caller sees the same result as a
 * serial loop.
 */
public final class BoundedParallel {
  /**
   * Threads of one call. Reading a run's footers is a few file opens: on a local disk the pool
   * keeps both cores busy, on a remote file system it keeps this many requests in flight.
   */
  static final int THREADS = 16;

  private BoundedParallel() {}

  /** A step that reads and may fail with an I/O error. */
  @FunctionalInterface
  public interface IoFunction<T, R> {
    R apply(T item) throws IOException;
  }

  /**
   * {@code fn} of every item, in order. The first item (in list order) whose call failed has its
   * exception rethrown, as a serial loop would have thrown it; an error is rethrown as is.
   */
  public static <T, R> List<R> map(List<T> items, IoFunction<T, R> fn) throws IOException {
    if (items.size() <= 1) {
      List<R> results = new ArrayList<>();
      for (T item : items) {
        results.add(fn.apply(item));
      }
      return results;
    }
    AtomicInteger thread = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, items.size()), r -> {
      Thread t = new Thread(r, "grok-check-" + thread.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<R>> futures = new ArrayList<>(items.size());
      for (T item : items) {
        futures.add(pool.submit(() -> fn.apply(item)));
      }
      List<R> results = new ArrayList<>(items.size());
      for (Future<R> f : futures) {
        results.add(await(f));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <R> R await(Future<R> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while checking files", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new UncheckedIOException(new IOException(cause));
    }
  }
}
