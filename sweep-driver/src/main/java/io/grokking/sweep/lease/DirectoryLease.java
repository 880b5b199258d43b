package io.grokking.sweep.lease;

import io.grokking.trainer.output.Layout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease a {@code grok sweep} driver holds on its output directory while it runs, so that two
 * drivers never train the same sweep at once: the file {@code DIR/_lease} names the holder (host,
 * pid, process start, when it started, when it last refreshed the lease, a random token) and is
 * rewritten every {@link #REFRESH_EVERY}. It is removed when the driver ends.
 *
 * <p>A second driver finds the lease and refuses ({@link Held}) unless the lease is stale: its
 * process is gone on this host (or the pid now belongs to a process started at another time), or
 * it has not been refreshed for {@link #STALE_AFTER}, the only test possible for a holder on
 * another host (host clocks are assumed to agree to well within that). A stale lease, such as a
 * SIGKILLed driver's, is taken over without being asked; a live one only when the caller says so.
 *
 * <p>Taking the lease is atomic where the store allows: the new lease is written under a
 * temporary name and hard-linked (local disk) or renamed (HDFS) into place, both of which refuse
 * an existing {@code _lease}. A directory without a lease (an older sweep) is simply taken.
 */
public final class DirectoryLease implements AutoCloseable {
  /** How often the holder rewrites its lease. */
  public static final Duration REFRESH_EVERY = Duration.ofSeconds(30);
  /** A lease not refreshed for this long is stale, whoever holds it. */
  public static final Duration STALE_AFTER = Duration.ofMinutes(10);
  private static final int TRIES = 3;
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryLease.class);

  /** Another driver holds a live lease on the directory. */
  public static final class Held extends RuntimeException {
    private final Holder holder;

    Held(String outDir, Path lease, Holder holder) {
      super(outDir + " is in use by another grok sweep: " + holder.describe(Instant.now())
          + " (" + lease + ")");
      this.holder = holder;
    }

    public Holder holder() {
      return holder;
    }
  }

  /**
   * What a lease file says.
   *
   * @param processStart when the holding process started, null when unknown
   * @param token random, unique to one acquisition
   */
  public record Holder(String host, long pid, Instant processStart, Instant started,
      Instant refreshed, String token) {

    static Holder current(Instant now) {
      ProcessHandle self = ProcessHandle.current();
      return new Holder(localHost(), self.pid(), self.info().startInstant().orElse(null), now,
          now, UUID.randomUUID().toString());
    }

    Holder refreshedAt(Instant now) {
      return new Holder(host, pid, processStart, started, now, token);
    }

    /** {@code host H, pid P, started T, refreshed Ns ago}. */
    public String describe(Instant now) {
      long ago = Math.max(0, Duration.between(refreshed, now).toSeconds());
      return "host " + host + ", pid " + pid + ", started " + started + ", lease refreshed "
          + ago + " s ago";
    }

    String render() {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("host", host);
      fields.put("pid", pid);
      fields.put("process-start", processStart == null ? "" : processStart);
      fields.put("started", started);
      fields.put("refreshed", refreshed);
      fields.put("token", token);
      StringBuilder out = new StringBuilder("# the grok sweep driver writing into this directory;"
          + " see README, Sweeps that survive\n");
      fields.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
      return out.toString();
    }

    /** Parses a lease file; fields it cannot read become unknown (and the lease stale). */
    static Holder parse(String text, Instant fileTime) {
      Map<String, String> fields = new LinkedHashMap<>();
      for (String line : text.split("\n")) {
        int eq = line.indexOf('=');
        if (!line.startsWith("#") && eq > 0) {
          fields.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
      }
      long pid;
      try {
        pid = Long.parseLong(fields.getOrDefault("pid", "-1"));
      } catch (NumberFormatException e) {
        pid = -1;
      }
      return new Holder(fields.getOrDefault("host", "unknown"), pid,
          instant(fields.get("process-start"), null), instant(fields.get("started"), fileTime),
          instant(fields.get("refreshed"), fileTime), fields.getOrDefault("token", ""));
    }

    private static Instant instant(String value, Instant otherwise) {
      try {
        return value == null || value.isEmpty() ? otherwise : Instant.parse(value);
      } catch (DateTimeParseException e) {
        return otherwise;
      }
    }
  }

  private final Path file;
  private final FileSystem fs;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private volatile Holder mine;
  private volatile boolean lost;

  private DirectoryLease(Path file, FileSystem fs, Clock clock, Holder mine) {
    this.file = file;
    this.fs = fs;
    this.clock = clock;
    this.mine = mine;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "grok-lease");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Takes the lease on {@code outDir}, creating the directory if needed.
   *
   * @param takeOver take the lease even from a live holder ({@code --take-over-lease})
   * @throws Held if a live driver holds it and {@code takeOver} is false
   */
  public static DirectoryLease acquire(String outDir, Configuration conf, boolean takeOver)
      throws IOException {
    return acquire(outDir, conf, takeOver, REFRESH_EVERY, STALE_AFTER, Clock.systemUTC());
  }

  static DirectoryLease acquire(String outDir, Configuration conf, boolean takeOver,
      Duration refreshEvery, Duration staleAfter, Clock clock) throws IOException {
    Path file = new Layout(outDir).lease();
    FileSystem fs = raw(file.getFileSystem(conf));
    fs.mkdirs(file.getParent());
    Holder me = Holder.current(clock.instant());
    for (int i = 0; i < TRIES; i++) {
      Optional<Holder> held = read(fs, file);
      if (held.isEmpty()) {
        if (publish(fs, file, me)) {
          DirectoryLease lease = new DirectoryLease(file, fs, clock, me);
          long every = refreshEvery.toMillis();
          lease.timer.scheduleAtFixedRate(lease::refresh, every, every, TimeUnit.MILLISECONDS);
          return lease;
        }
        continue; // another driver published first: look at its lease
      }
      Holder h = held.get();
      Optional<String> stale = staleness(h, clock.instant(), staleAfter);
      if (stale.isEmpty() && !takeOver) {
        throw new Held(outDir, file, h);
      }
      takeAway(fs, file, h);
      LOG.warn("Took over the lease of {} from {}: {}", outDir, h.describe(clock.instant()),
          stale.orElse("--take-over-lease"));
    }
    throw new IOException("could not take the lease " + file + " in " + TRIES + " tries: other"
        + " drivers keep taking it");
  }

  /** Why {@code h} is stale at {@code now}, or empty when its driver may still be running. */
  static Optional<String> staleness(Holder h, Instant now, Duration staleAfter) {
    if (h.host().equals(localHost()) && h.pid() > 0) {
      Optional<ProcessHandle> process = ProcessHandle.of(h.pid());
      if (process.isEmpty() || !process.get().isAlive()) {
        return Optional.of("its process " + h.pid() + " is gone");
      }
      Optional<Instant> started = process.get().info().startInstant();
      if (h.processStart() != null && started.isPresent()
          && Duration.between(h.processStart(), started.get()).abs().toMillis() > 1000) {
        return Optional.of("pid " + h.pid() + " is now another process");
      }
    }
    Duration silent = Duration.between(h.refreshed(), now);
    if (silent.compareTo(staleAfter) > 0) {
      return Optional.of("not refreshed for " + silent.toSeconds() + " s (stale after "
          + staleAfter.toSeconds() + " s)");
    }
    return Optional.empty();
  }

  /** The holder of this lease as last written. */
  public Holder holder() {
    return mine;
  }

  public Path file() {
    return file;
  }

  /** Rewrites the lease with a new refresh time, unless another driver has taken it over. */
  void refresh() {
    if (lost) {
      return;
    }
    try {
      Optional<Holder> now = read(fs, file);
      if (now.isEmpty() || !now.get().token().equals(mine.token())) {
        lost = true;
        LOG.warn("The lease {} was taken over by {}; two drivers may now write into {}", file,
            now.map(h -> h.describe(clock.instant())).orElse("nobody (it was removed)"),
            file.getParent());
        return;
      }
      Holder next = mine.refreshedAt(clock.instant());
      replace(fs, file, next);
      mine = next;
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not refresh the lease {}: {}", file, e.toString());
    }
  }

  /** Stops refreshing and removes the lease, if it is still this driver's. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
      Optional<Holder> now = read(fs, file);
      if (now.isPresent() && now.get().token().equals(mine.token())) {
        fs.delete(file, false);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not remove the lease {}: {}", file, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The lease on {@code layout}'s directory as its file says, if there is one. */
  public static Optional<Holder> read(Layout layout, Configuration conf) throws IOException {
    Path file = layout.lease();
    return read(raw(file.getFileSystem(conf)), file);
  }

  static Optional<Holder> read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Optional.of(Holder.parse(text,
          Instant.ofEpochMilli(fs.getFileStatus(file).getModificationTime())));
    } catch (java.io.FileNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Publishes {@code h} as the lease unless there is one; true when this call did. */
  private static boolean publish(FileSystem fs, Path file, Holder h) throws IOException {
    Path tmp = write(fs, file, h);
    try {
      if (fs instanceof RawLocalFileSystem local) {
        try {
          Files.createLink(local.pathToFile(file).toPath(), local.pathToFile(tmp).toPath());
          return true;
        } catch (FileAlreadyExistsException e) {
          return false;
        }
      }
      return fs.rename(tmp, file); // HDFS refuses an existing target
    } finally {
      fs.delete(tmp, false);
    }
  }

  /** Replaces the lease with {@code h}: atomically on local disk, delete-then-rename elsewhere. */
  private static void replace(FileSystem fs, Path file, Holder h) throws IOException {
    Path tmp = write(fs, file, h);
    if (fs instanceof RawLocalFileSystem local) {
      Files.move(local.pathToFile(tmp).toPath(), local.pathToFile(file).toPath(),
          StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    fs.delete(file, false);
    if (!fs.rename(tmp, file)) {
      fs.delete(tmp, false);
      throw new IOException("could not rename " + tmp + " to " + file);
    }
  }

  /**
   * Moves the stale lease {@code h} out of the way. Should another driver have replaced it in
   * the meantime, its lease is put back, and the next look at the file finds it.
   */
  private static void takeAway(FileSystem fs, Path file, Holder h) throws IOException {
    Path aside = new Path(file.getParent(), file.getName() + "." + UUID.randomUUID() + ".old");
    try {
      if (!fs.rename(file, aside)) {
        return; // gone already: someone else took it away
      }
    } catch (java.io.FileNotFoundException e) {
      return;
    }
    Optional<Holder> moved = read(fs, aside);
    if (moved.isPresent() && !moved.get().token().equals(h.token())) {
      publish(fs, file, moved.get());
    }
    fs.delete(aside, false);
  }

  private static Path write(FileSystem fs, Path file, Holder h) throws IOException {
    Path tmp = new Path(file.getParent(), file.getName() + "." + h.token() + "."
        + System.nanoTime() + ".tmp");
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(h.render().getBytes(StandardCharsets.UTF_8));
    }
    return tmp;
  }

  /** The file system without Hadoop's checksum layer: a lease needs no .crc beside it. */
  private static FileSystem raw(FileSystem fs) {
    return fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
  }

  static String localHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
