package io.grokking.sweep.cli;

import io.grokking.trainer.output.ParquetTable;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.parquet.example.data.Group;

/**
 * Hadoop's in-process HDFS (a NameNode and DataNodes in this JVM, their storage under a local
 * directory), and what a sweep left in it, for assertions.
 */
final class MiniHdfs implements AutoCloseable {
  private final MiniDFSCluster cluster;
  private final Configuration conf;
  private final String root;

  private MiniHdfs(MiniDFSCluster cluster, Configuration conf) {
    this.cluster = cluster;
    this.conf = conf;
    this.root = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
  }

  /**
   * Starts a cluster of {@code dataNodes} DataNodes storing under {@code base}, whose files get
   * one replica per DataNode (up to 3) in this JVM. The cluster's builder sets that replication
   * on {@code conf}; a client takes it from the configuration its {@link FileSystem} was first
   * made with, and Hadoop caches one {@code FileSystem} per scheme, address and user, so opening
   * it here first gives the sweep's driver and tasks in this JVM the same replication, as an
   * {@code hdfs-site.xml} would on a real cluster.
   */
  static MiniHdfs start(File base, int dataNodes) throws IOException {
    Configuration conf = new Configuration();
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, base)
        .numDataNodes(dataNodes)
        .build();
    cluster.waitActive();
    MiniHdfs hdfs = new MiniHdfs(cluster, conf);
    hdfs.fs();
    return hdfs;
  }

  /** {@code hdfs://127.0.0.1:PORT/path}, the form a user passes to --out. */
  String uri(String path) {
    return root + path;
  }

  void stopDataNode(int i) {
    cluster.stopDataNode(i);
  }

  FileSystem fs() throws IOException {
    return new Path(root).getFileSystem(conf);
  }

  boolean exists(String path) throws IOException {
    return fs().exists(new Path(uri(path)));
  }

  /** The committed files of one table, {@code modulus=P/RUN.parquet}, sorted. */
  List<Path> files(String out, String table) throws IOException {
    Path dir = new Path(uri(out), table);
    List<Path> files = new ArrayList<>();
    if (!fs().exists(dir)) {
      return files;
    }
    RemoteIterator<LocatedFileStatus> it = fs().listFiles(dir, true);
    while (it.hasNext()) {
      Path p = it.next().getPath();
      if (!p.getName().startsWith(".") && !p.getName().startsWith("_")) {
        files.add(p);
      }
    }
    files.sort(null);
    return files;
  }

  /** Names directly under {@code path}, or none when it does not exist. */
  List<String> list(String path) throws IOException {
    Path dir = new Path(uri(path));
    if (!fs().exists(dir)) {
      return List.of();
    }
    return java.util.Arrays.stream(fs().listStatus(dir)).map(s -> s.getPath().getName())
        .sorted().toList();
  }

  List<Group> rows(Path file) throws IOException {
    return ParquetTable.readAll(file, conf);
  }

  short replication(Path file) throws IOException {
    return fs().getFileStatus(file).getReplication();
  }

  long modificationTime(Path file) throws IOException {
    return fs().getFileStatus(file).getModificationTime();
  }

  static String runId(Path file) {
    String name = file.getName();
    return name.substring(0, name.length() - ".parquet".length());
  }

  @Override
  public void close() {
    cluster.shutdown();
  }
}
