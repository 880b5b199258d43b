package io.grokking.analysis.output;

import io.grokking.analysis.milestones.RunRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code runs.csv}: RFC 4180 with a header of {@link RunTable#columns}, an empty field for null,
 * numbers as Java prints them (they parse back exactly), and quotes only around fields holding a
 * comma, a quote or a line break.
 */
public final class RunsCsv {
  /** File name inside {@code DIR/report}. */
  public static final String FILE_NAME = "runs.csv";

  private RunsCsv() {}

  /** The whole file as UTF-8 bytes, one line per run in the given order. */
  public static byte[] render(List<RunRecord> runs) {
    StringBuilder out = new StringBuilder();
    List<RunTable.Field> fields = RunTable.fields(runs);
    line(out, fields.stream().map(RunTable.Field::name));
    for (RunRecord run : runs) {
      line(out, Stream.of(RunTable.values(fields, run)).map(RunsCsv::text));
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void line(StringBuilder out, Stream<String> fields) {
    out.append(fields.map(RunsCsv::quote).collect(Collectors.joining(","))).append('\n');
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  public static String quote(String field) {
    boolean plain = field.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
    return plain ? field : '"' + field.replace("\"", "\"\"") + '"';
  }
}
