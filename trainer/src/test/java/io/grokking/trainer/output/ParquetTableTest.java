package io.grokking.trainer.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.metrics.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetTableTest {
  private final Configuration conf = new Configuration();
  @TempDir Path dir;

  private org.apache.hadoop.fs.Path write(Path file, int rows) throws Exception {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri().toString());
    try (ParquetTable t = new ParquetTable(path, Schemas.METRICS, conf)) {
      for (int step = 0; step < rows; step++) {
        Group g = t.newRow();
        g.add("run_id", "0123456789abcdef");
        g.add("step", step);
        g.add("train_loss", 1.0 / (step + 1));
        g.add("train_acc", step / (double) rows);
        t.write(g);
      }
    }
    return path;
  }

  /**
   * A checkpoint saved by a version before batch_loss holds metrics rows without it; a resumed
   * attempt writes them into today's table by name, the new column empty.
   */
  @Test
  void rowsOfAnOlderSchemaAreWrittenByNameWithTheNewColumnsEmpty() throws Exception {
    String text = Schemas.METRICS.toString();
    org.apache.parquet.schema.MessageType older = org.apache.parquet.schema.MessageTypeParser
        .parseMessageType(text.replaceFirst("\\s*optional double batch_loss;", ""));
    assertThat(older.getFieldCount()).isEqualTo(Schemas.METRICS.getFieldCount() - 1);
    org.apache.hadoop.fs.Path old = new org.apache.hadoop.fs.Path(dir.resolve("old.parquet")
        .toUri().toString());
    try (ParquetTable t = new ParquetTable(old, older, conf)) {
      Group g = t.newRow();
      g.add("run_id", "0123456789abcdef");
      g.add("step", 7);
      g.add("train_loss", 0.5);
      g.add("train_acc", 0.25);
      g.add("test_acc", 0.125);
      g.add("n_frequencies", 3);
      t.write(g);
    }
    org.apache.hadoop.fs.Path now = new org.apache.hadoop.fs.Path(dir.resolve("now.parquet")
        .toUri().toString());
    try (ParquetTable t = new ParquetTable(now, Schemas.METRICS, conf)) {
      for (Group g : ParquetTable.readAll(old, conf)) {
        t.write(g);
      }
    }
    Group row = ParquetTable.readAll(now, conf).get(0);
    assertThat(row.getType().getFieldCount()).isEqualTo(Schemas.METRICS.getFieldCount());
    assertThat(row.getString("run_id", 0)).isEqualTo("0123456789abcdef");
    assertThat(row.getInteger("step", 0)).isEqualTo(7);
    assertThat(row.getDouble("train_loss", 0)).isEqualTo(0.5);
    assertThat(row.getDouble("test_acc", 0)).isEqualTo(0.125);
    assertThat(row.getInteger("n_frequencies", 0)).isEqualTo(3);
    assertThat(row.getFieldRepetitionCount("test_loss")).isZero();
    assertThat(row.getFieldRepetitionCount("batch_loss")).isZero();
  }

  @Test
  void aLocalFileIsWrittenIntoNewDirectoriesWithoutAChecksumSidecarAndReadsBack() throws Exception {
    Path file = dir.resolve("_staging/run-attempt/metrics.parquet");
    org.apache.hadoop.fs.Path path = write(file, 500);

    assertThat(file).isRegularFile();
    try (Stream<Path> siblings = Files.list(file.getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .containsExactly("metrics.parquet");
    }
    List<Double> losses = new ArrayList<>();
    for (Group g : ParquetTable.readAll(path, conf)) {
      assertThat(g.getInteger("step", 0)).isEqualTo(losses.size());
      losses.add(g.getDouble("train_loss", 0));
    }
    assertThat(losses).hasSize(500);
    assertThat(losses.get(3)).isEqualTo(0.25);
  }

  @Test
  void onlyStringColumnsAreDictionaryEncoded() throws Exception {
    org.apache.hadoop.fs.Path path = write(dir.resolve("metrics.parquet"), 2000);
    Map<String, Boolean> dictionary = new TreeMap<>();
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData column : block.getColumns()) {
          if (column.getValueCount() > 0) {
            dictionary.merge(column.getPath().toDotString(),
                column.getEncodings().contains(Encoding.PLAIN_DICTIONARY)
                    || column.getEncodings().contains(Encoding.RLE_DICTIONARY),
                Boolean::logicalOr);
          }
        }
      }
    }
    assertThat(dictionary).containsEntry("run_id", true).containsEntry("step", false)
        .containsEntry("train_loss", false).containsEntry("train_acc", false);
  }
}
