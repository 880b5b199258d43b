package io.grokking.trainer.output;

import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;

/** Hadoop's local file system under its checksum layer, for writes that go through java.nio. */
final class LocalDisk {
  private LocalDisk() {}

  /** The raw local file system behind {@code fs}, or null when {@code fs} is not on local disk. */
  static RawLocalFileSystem of(FileSystem fs) {
    FileSystem raw = fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
    return raw instanceof RawLocalFileSystem local ? local : null;
  }
}
