package io.grokking.sweep.cli;

import io.grokking.trainer.output.Layout;
import java.io.IOException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system with a disk that is full for the analysis' runs table ({@code
 * DIR/runs/}) only, as the operating system words it: training commits its runs, then the
 * analysis' Spark write of that table fails in its task. Named by {@code
 * spark.hadoop.fs.file.impl} (with the cache off, since the cache ignores the class).
 */
public final class FullTableFileSystem extends LocalFileSystem {
  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite,
      int bufferSize, short replication, long blockSize, Progressable progress)
      throws IOException {
    if (f.toUri().getPath().contains("/" + Layout.RUNS + "/")) {
      throw new IOException("No space left on device");
    }
    return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
  }
}
