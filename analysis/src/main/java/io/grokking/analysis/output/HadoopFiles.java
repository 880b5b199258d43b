package io.grokking.analysis.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Small files through Hadoop {@link FileSystem}, so a report lands on file://, hdfs:// or s3a://
 * alike. Everything is rendered to bytes first: a failed render then leaves no partial file.
 */
public final class HadoopFiles {
  private HadoopFiles() {}

  /** Writes {@code bytes} to {@code path}, replacing it, creating parent directories. */
  public static void write(Configuration conf, Path path, byte[] bytes) {
    try {
      FileSystem fs = path.getFileSystem(conf);
      // the local file system would add a hidden .crc beside each report file; readers of a
      // copied report directory do not want them
      FileSystem target = fs;
      if (fs instanceof ChecksumFileSystem checksummed) {
        checksummed.delete(path, false); // with any checksum an older write left, now stale
        target = checksummed.getRawFileSystem();
      }
      try (OutputStream out = target.create(path, true)) {
        out.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path, e);
    }
  }

  /** Deletes the files matching {@code glob}; returns how many. */
  public static int deleteMatching(Configuration conf, Path glob) {
    try {
      FileSystem fs = glob.getFileSystem(conf);
      FileStatus[] found = fs.globStatus(glob);
      int deleted = 0;
      for (FileStatus status : found == null ? new FileStatus[0] : found) {
        deleted += fs.delete(status.getPath(), false) ? 1 : 0;
      }
      return deleted;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + glob, e);
    }
  }
}
