package io.grokking.sweep.cli;

import io.grokking.trainer.output.ParquetTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;

/** Reads what a sweep left in its output directory, for assertions. */
final class SweepOutput {
  private SweepOutput() {}

  /** The committed files of one table, {@code modulus=P/RUN.parquet}, sorted; no hidden files. */
  static List<Path> files(Path out, String table) throws IOException {
    Path dir = out.resolve(table);
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted().toList();
    }
  }

  static List<Group> rows(Path file) throws IOException {
    return ParquetTable.readAll(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration());
  }

  static List<Integer> steps(Path metricsFile) throws IOException {
    return rows(metricsFile).stream().map(g -> g.getInteger("step", 0)).toList();
  }

  static String runId(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - ".parquet".length());
  }

  /** Visible entries of a directory, or none when it does not exist. */
  static List<String> list(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
    }
  }
}
