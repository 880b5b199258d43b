package io.grokking.trainer.output;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;

/** A Parquet file being written through Hadoop's FileSystem, one row (group) at a time. */
public final class ParquetTable implements AutoCloseable {
  private final ParquetWriter<Group> writer;
  private final SimpleGroupFactory rows;

  public ParquetTable(Path file, MessageType schema, Configuration conf) throws IOException {
    this.rows = new SimpleGroupFactory(schema);
    this.writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf))
        .withConf(conf)
        .withType(schema)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build();
  }

  public Group newRow() {
    return rows.newGroup();
  }

  public void write(Group row) throws IOException {
    writer.write(row);
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
