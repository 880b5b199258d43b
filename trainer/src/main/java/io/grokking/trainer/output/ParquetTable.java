package io.grokking.trainer.output;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * A Parquet file being written through Hadoop's FileSystem, one row (group) at a time.
 *
 * <p>A file on the local disk is written through java.nio instead ({@link LocalOutputFile}):
 * without Hadoop's native library, its local FileSystem sets the permissions of every file it
 * creates by running {@code chmod} in a child process, about 10 ms a file here, four files a run.
 * Such a file has no {@code .crc} sidecar; Hadoop's readers then skip checksum verification.
 *
 * <p>Only string columns are dictionary-encoded: the numeric columns (losses, accuracies, phases)
 * rarely repeat, and Parquet would fill a dictionary for them only to fall back to plain encoding
 * when the column chunk is flushed.
 */
public final class ParquetTable implements AutoCloseable {
  private final ParquetWriter<Group> writer;
  private final SimpleGroupFactory rows;
  private final MessageType schema;

  public ParquetTable(Path file, MessageType schema, Configuration conf) throws IOException {
    this.rows = new SimpleGroupFactory(schema);
    this.schema = schema;
    ExampleParquetWriter.Builder builder = ExampleParquetWriter.builder(outputFile(file, conf))
        .withConf(conf)
        .withType(schema)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withDictionaryEncoding(false);
    for (Type column : schema.getFields()) {
      if (column.isPrimitive()
          && column.asPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY) {
        builder.withDictionaryEncoding(column.getName(), true);
      }
    }
    this.writer = builder.build();
  }

  private static OutputFile outputFile(Path file, Configuration conf) throws IOException {
    RawLocalFileSystem local = LocalDisk.of(file.getFileSystem(conf));
    if (local != null) {
      java.nio.file.Path path = local.pathToFile(file).toPath();
      Files.createDirectories(path.getParent());
      return new LocalOutputFile(path);
    }
    return HadoopOutputFile.fromPath(file, conf);
  }

  /**
   * Every row of a Parquet file, in order, as example groups. The reader is built from an input
   * file that carries {@code conf}: {@code ParquetReader.builder(support, path)} would build and
   * parse a Hadoop configuration of its own for every file.
   */
  public static List<Group> readAll(Path file, Configuration conf) throws IOException {
    List<Group> rows = new ArrayList<>();
    try (ParquetReader<Group> reader = new GroupReader(HadoopInputFile.fromPath(file, conf))
        .withConf(conf).build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        rows.add(g);
      }
    }
    return rows;
  }

  /** A reader of example groups from an input file, which then supplies its configuration. */
  private static final class GroupReader extends ParquetReader.Builder<Group> {
    GroupReader(HadoopInputFile file) {
      super(file);
    }

    @Override
    protected ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport();
    }
  }

  public Group newRow() {
    return rows.newGroup();
  }

  /**
   * Writes a row of this table's schema, or of an older one with fewer columns (a checkpoint's
   * rows, saved before a column was appended), whose columns are then copied by name and the
   * newer ones left empty.
   */
  public void write(Group row) throws IOException {
    writer.write(row.getType() == schema || row.getType().equals(schema) ? row : inSchema(row));
  }

  private Group inSchema(Group row) {
    Group out = rows.newGroup();
    GroupType type = row.getType();
    for (int f = 0; f < type.getFieldCount(); f++) {
      String name = type.getFieldName(f);
      Type field = type.getType(f);
      if (!schema.containsField(name) || !field.isPrimitive()) {
        throw new IllegalArgumentException("a row with column " + field + " does not fit the"
            + " table's schema " + schema);
      }
      for (int i = 0; i < row.getFieldRepetitionCount(f); i++) {
        switch (field.asPrimitiveType().getPrimitiveTypeName()) {
          case INT32 -> out.add(name, row.getInteger(f, i));
          case INT64 -> out.add(name, row.getLong(f, i));
          case DOUBLE -> out.add(name, row.getDouble(f, i));
          case FLOAT -> out.add(name, row.getFloat(f, i));
          case BOOLEAN -> out.add(name, row.getBoolean(f, i));
          case BINARY -> out.add(name, row.getBinary(f, i));
          default -> throw new IllegalArgumentException("column " + field + " has a type the"
              + " tables do not use");
        }
      }
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
