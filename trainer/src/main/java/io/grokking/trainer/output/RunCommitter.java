package io.grokking.trainer.output;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Commits one attempt's files so that a reader sees a run whole or not at all, and each run has
 * exactly one committed copy even when Spark retries or speculates its task.
 *
 * <p>An attempt writes into {@code DIR/_staging/RUN-ATTEMPT/}. Committing renames each data file
 * to its final name, which is fixed by the run id, and renames the result file last: a run is
 * committed exactly when its result file exists, and readers join on it. If another attempt
 * committed first, this one discards its staging directory. Training is deterministic for a given
 * seed, so any attempt's metrics are the same numbers.
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
    try {
      if (isCommitted()) {
        return false;
      }
      for (String table : dataTables) {
        publish(table);
      }
      Path result = layout.runFile(Layout.RESULTS, modulus, runId);
      fs.mkdirs(result.getParent());
      // Rename refuses an existing target on HDFS and replaces it atomically on POSIX; either way
      // exactly one result file exists afterwards.
      return fs.rename(staged(Layout.RESULTS), result) || fs.exists(result);
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

  private void publish(String table) throws IOException {
    Path target = layout.runFile(table, modulus, runId);
    fs.mkdirs(target.getParent());
    // A leftover from an attempt that died between publishing data and committing the result.
    fs.delete(target, false);
    if (!fs.rename(staged(table), target)) {
      throw new IOException("could not move " + staged(table) + " to " + target);
    }
  }
}
