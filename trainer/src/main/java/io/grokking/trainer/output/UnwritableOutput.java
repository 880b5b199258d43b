package io.grokking.trainer.output;

import java.nio.file.AccessDeniedException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A write into the sweep directory that the storage refused for a reason no retry can fix: the
 * device is full, a quota is exhausted, the file system is read-only, or permission is denied.
 * An attempt that meets one ends at once without being recorded as the run's outcome, so the
 * run is trained again once the user has made room; its staging files are removed first.
 */
public final class UnwritableOutput extends RuntimeException {
  /** Why the storage refused, with what the user can do about it. */
  public enum Reason {
    NO_SPACE("no space left on device", "free space"),
    QUOTA("disk quota exceeded", "free space or raise the quota"),
    READ_ONLY("read-only file system", "make it writable or choose another --out"),
    PERMISSION_DENIED("permission denied", "make it writable for this user or choose another --out");

    private final String description;
    private final String remedy;

    Reason(String description, String remedy) {
      this.description = description;
      this.remedy = remedy;
    }

    /** As the operating system words it, lower case: {@code no space left on device}. */
    public String description() {
      return description;
    }

    /** What to do before running the same command again: {@code free space}. */
    public String remedy() {
      return remedy;
    }
  }

  private final Reason reason;

  public UnwritableOutput(Reason reason, Throwable cause) {
    super(reason.description() + ": " + cause, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /**
   * The reason behind {@code error}, if any exception on its cause chain (or suppressed by one)
   * is a write failure that retrying will not fix. Spark and Hadoop wrap the I/O error of a task
   * in several layers ({@code SparkException: [TASK_WRITE_FAILED]}, {@code
   * UncheckedIOException}, ...), so every layer is looked at, by type and by the operating
   * system's message.
   */
  public static Optional<Reason> reasonOf(Throwable error) {
    return find(error, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static Optional<Reason> find(Throwable t, Set<Throwable> seen) {
    if (t == null || !seen.add(t)) {
      return Optional.empty();
    }
    if (t instanceof UnwritableOutput u) {
      return Optional.of(u.reason);
    }
    Optional<Reason> own = own(t);
    if (own.isPresent()) {
      return own;
    }
    Optional<Reason> cause = find(t.getCause(), seen);
    if (cause.isPresent()) {
      return cause;
    }
    for (Throwable s : t.getSuppressed()) {
      Optional<Reason> suppressed = find(s, seen);
      if (suppressed.isPresent()) {
        return suppressed;
      }
    }
    return Optional.empty();
  }

  private static Optional<Reason> own(Throwable t) {
    String type = t.getClass().getSimpleName();
    if (type.equals("DiskOutOfSpaceException")) {
      return Optional.of(Reason.NO_SPACE);
    }
    if (type.endsWith("QuotaExceededException")) { // HDFS: DSQuotaExceededException, NSQuota...
      return Optional.of(Reason.QUOTA);
    }
    if (t instanceof ReadOnlyFileSystemException) {
      return Optional.of(Reason.READ_ONLY);
    }
    if (t instanceof AccessDeniedException || type.equals("AccessControlException")) {
      return Optional.of(Reason.PERMISSION_DENIED);
    }
    String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
    for (Reason r : Reason.values()) {
      if (message.contains(r.description())) { // strerror(3) of ENOSPC, EDQUOT, EROFS, EACCES
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
