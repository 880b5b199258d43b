package io.grokking.trainer.output;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Commits one attempt's files so that a reader sees a run whole or not at all, and each run has
 * exactly one committed copy even when Spark retries or speculates its task.
 *
 * <p>An attempt writes into {@code DIR/_staging/RUN-ATTEMPT/}. Committing moves each data file
 * to its final name, which is fixed by the run id, and the result file last: a run is committed
 * exactly when its result file exists, and readers join on it. Every move refuses to replace an
 * existing file, atomically: a hard link on a local disk (link(2) fails on an existing name), a
 * rename on HDFS (which refuses an existing target). So when two attempts commit at once, one
 * result file wins and the other attempt drops its files; a data file already published by an
 * attempt that died before its result is kept, since training is deterministic for a given seed
 * and any attempt's metrics are the same numbers. On stores whose rename is not atomic (S3 without
 * a committer) the guarantee is only as good as their rename.
 */
public final class RunCommitter {
  private final Layout layout;
  private final FileSystem fs;
  private final int modulus;
  private final String runId;
  private final Path staging;

  public RunCommitter(Layout layout, Configuration conf, int modulus, String runId, String attempt)
      throws IOException {
    this.layout = layout;
    this.fs = layout.root().getFileSystem(conf);
    this.modulus = modulus;
    this.runId = runId;
    this.staging = layout.staging(runId, attempt);
  }

  public static boolean isCommitted(Layout layout, Configuration conf, int modulus, String runId)
      throws IOException {
    Path result = layout.runFile(Layout.RESULTS, modulus, runId);
    return result.getFileSystem(conf).exists(result);
  }

  /** Where this attempt writes {@code table}'s file before commit. */
  public Path staged(String table) {
    return new Path(staging, table + ".parquet");
  }

  /**
   * Publishes the staged data tables, then the result. Returns false when another attempt had
   * already committed the run; this attempt's files are then dropped.
   */
  public boolean commit(List<String> dataTables) throws IOException {
    return commit(dataTables, () -> {});
  }

  /** As {@link #commit(List)}, running {@code beforeResult} between the data and the result. */
  public boolean commit(List<String> dataTables, Runnable beforeResult) throws IOException {
    try {
      if (isCommitted()) {
        return false;
      }
      for (String table : dataTables) {
        publish(staged(table), layout.runFile(table, modulus, runId));
      }
      beforeResult.run();
      return publish(staged(Layout.RESULTS), layout.runFile(Layout.RESULTS, modulus, runId));
    } finally {
      abort();
    }
  }

  /** Drops this attempt's staging directory. */
  public void abort() throws IOException {
    fs.delete(staging, true);
  }

  private boolean isCommitted() throws IOException {
    return fs.exists(layout.runFile(Layout.RESULTS, modulus, runId));
  }

  /** Moves {@code from} to {@code to} unless {@code to} exists; true when this call moved it. */
  private boolean publish(Path from, Path to) throws IOException {
    fs.mkdirs(to.getParent());
    RawLocalFileSystem local = LocalDisk.of(fs);
    if (local != null) {
      try {
        Files.createLink(local.pathToFile(to).toPath(), local.pathToFile(from).toPath());
      } catch (FileAlreadyExistsException e) {
        return false;
      }
      if (fs instanceof ChecksumFileSystem c) {
        // The checksum sidecar follows its file; without it a reader merely skips verification.
        Path crc = c.getChecksumFile(from);
        if (local.exists(crc)) {
          local.rename(crc, c.getChecksumFile(to));
        }
      }
      local.delete(from, false);
      return true;
    }
    if (fs.rename(from, to)) {
      return true;
    }
    if (fs.exists(to)) {
      return false;
    }
    throw new IOException("could not move " + from + " to " + to);
  }
}
