package io.grokking.sweep.cli;

import io.grokking.sweep.config.ConfigLoader;
import io.grokking.sweep.config.SweepConfig;
import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.output.Layout;
import io.grokking.trainer.output.SharedConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;

/**
 * Checks a sweep output directory before anything is written, and writes its sweep.conf. Local
 * paths are checked for writability; other file systems (hdfs:, s3a:) only for an earlier sweep.
 */
final class OutputDir {
  /** What running into {@code DIR} means. */
  enum State {
    /** Nothing there yet (or an empty directory). */
    NEW,
    /** An earlier attempt of the same grid: committed runs are skipped. */
    RESUME,
    /** {@code --force}: another grid's runs are already there and will be mixed with these. */
    MIXED
  }

  /** A URI scheme of two or more letters (one letter would be a Windows drive). */
  private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]+):");

  private OutputDir() {}

  /** A local path made absolute, so driver and executors agree; URIs are kept as they are. */
  static String normalize(String out) {
    return isLocal(out) ? Path.of(stripFileScheme(out)).toAbsolutePath().normalize().toString()
        : out;
  }

  /** Decides what to do with {@code out} without touching it; refusals are ConfigExceptions. */
  static State check(String out, String gridHash, boolean force) {
    if (isLocal(out)) {
      checkLocal(Path.of(stripFileScheme(out)), force);
    }
    Optional<String> previous = readSweepConf(out);
    if (previous.isEmpty()) {
      return State.NEW;
    }
    String confPath = new Layout(out).sweepConf().toString();
    Optional<String> recorded;
    try {
      recorded = ConfigLoader.recordedGridHash(previous.get(), confPath);
    } catch (ConfigException e) {
      if (force) {
        return State.MIXED;
      }
      throw new ConfigException("--out", out + " holds an unreadable sweep.conf (" + e.getMessage()
          + "); choose another --out, or pass --force to write into it anyway");
    }
    if (recorded.isPresent() && recorded.get().equals(gridHash)) {
      return State.RESUME;
    }
    if (force) {
      return State.MIXED;
    }
    throw new ConfigException("--out", out + " holds a sweep with a different grid (grid hash "
        + recorded.orElse("missing") + " there, " + gridHash + " here); choose another --out, or"
        + " pass --force to add these runs to it and mix both configurations in one report");
  }

  /** The sweep.conf of {@code out}, if there is one. */
  /** DIR/sweep.conf of an existing sweep, or a usage error (exit 2) naming DIR when there is none. */
  static String requireSweepConf(String out) {
    return readSweepConf(out).orElseThrow(() -> new ConfigException("DIR",
        "must be a sweep output directory, found no " + Layout.SWEEP_CONF + " in " + out));
  }

  /**
   * The configuration recorded in {@code DIR/sweep.conf}, with {@code overrides} on top as
   * {@code --set} would put them; a directory without one is a usage error.
   */
  static SweepConfig sweepConfig(String out, List<String> overrides) {
    return ConfigLoader.parse(requireSweepConf(out), new Layout(out).sweepConf().toString(),
        overrides);
  }

  static Optional<String> readSweepConf(String out) {
    org.apache.hadoop.fs.Path conf = new Layout(out).sweepConf();
    try {
      FileSystem fs = conf.getFileSystem(SharedConfiguration.get());
      if (!fs.exists(conf)) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(conf)) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new ConfigException("--out", "cannot read " + conf + ": " + e.getMessage());
    }
  }

  /** Creates {@code out} if needed and writes its sweep.conf; the first write of a sweep. */
  static void writeSweepConf(String out, String text) {
    org.apache.hadoop.fs.Path conf = new Layout(out).sweepConf();
    try {
      FileSystem fs = conf.getFileSystem(SharedConfiguration.get());
      if (fs instanceof LocalFileSystem local) {
        fs = local.getRawFileSystem(); // no .crc files beside a file people read
      }
      fs.mkdirs(conf.getParent());
      try (OutputStream os = fs.create(conf, true)) {
        os.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + conf, e);
    }
  }

  private static void checkLocal(Path dir, boolean force) {
    Path abs = dir.toAbsolutePath().normalize();
    if (Files.exists(abs)) {
      if (!Files.isDirectory(abs)) {
        throw new ConfigException("--out", "must be a directory, found a file at " + abs);
      }
      if (!Files.isWritable(abs)) {
        throw new ConfigException("--out", "must be a writable directory, found read-only " + abs);
      }
      if (!force && !Files.exists(abs.resolve(Layout.SWEEP_CONF)) && !isEmpty(abs)) {
        throw new ConfigException("--out", "must be empty or hold an earlier sweep, found "
            + abs + " with other files and no sweep.conf; choose another --out, or pass --force");
      }
      return;
    }
    Path ancestor = abs.getParent();
    while (ancestor != null && !Files.exists(ancestor)) {
      ancestor = ancestor.getParent();
    }
    if (ancestor == null || !Files.isDirectory(ancestor)) {
      throw new ConfigException("--out", "cannot create " + abs + ": " + ancestor
          + " is not a directory");
    }
    if (!Files.isWritable(ancestor)) {
      throw new ConfigException("--out", "cannot create " + abs + ": " + ancestor
          + " is not writable");
    }
  }

  private static boolean isEmpty(Path dir) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      return !entries.iterator().hasNext();
    } catch (IOException e) {
      throw new ConfigException("--out", "cannot list " + dir + ": " + e.getMessage());
    }
  }

  /** True for a local path ({@code /x}, {@code file:/x}), false for hdfs:, s3a: and such. */
  static boolean isLocalPath(String out) {
    return isLocal(out);
  }

  private static boolean isLocal(String out) {
    Matcher m = SCHEME.matcher(out);
    return !m.find() || m.group(1).equalsIgnoreCase("file");
  }

  private static String stripFileScheme(String out) {
    return out.replaceFirst("^(?i)file:(//(?=/))?", "");
  }
}
