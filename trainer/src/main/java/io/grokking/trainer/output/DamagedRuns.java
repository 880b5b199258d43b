package io.grokking.trainer.output;

import io.grokking.trainer.metrics.RunStatus;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Finds the committed runs of a sweep whose files cannot be read, cheaply: the result file is
 * read whole (one row), every other file of the run only as far as its Parquet footer, and the
 * metrics' row count is held against the result (one row per step, 0 to steps_run). A file cut
 * short (a full disk, a copy interrupted) loses its footer and is caught; damage inside a page
 * is not, until a reader meets it.
 *
 * <p>{@link #moveAside} takes such a run out of the sweep without deleting anything: its files go
 * under {@code DIR/_damaged/TIME/}, result file first, so the run is no longer committed and the
 * next {@code grok sweep} trains it again.
 */
public final class DamagedRuns {
  private static final DateTimeFormatter FOLDER =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private DamagedRuns() {}

  /**
   * A committed run that cannot be read.
   *
   * @param table the table of the first unreadable file ({@link Layout#RESULTS}, ...)
   * @param file that file's path
   * @param reason the reader's message
   */
  public record Damage(String runId, int modulus, String table, String file, String reason) {
    /** {@code run RUN: FILE: REASON}, one line. */
    public String describe() {
      return "run " + runId + ": " + file + ": " + reason.replaceAll("\\s*\\R\\s*", " ");
    }
  }

  /**
   * What {@link #check(Layout, Configuration)} found.
   *
   * @param committed runs with a result file, damaged ones included
   * @param damaged the runs that cannot be read, in file order
   */
  public record Report(int committed, List<Damage> damaged) {
    public Report {
      damaged = List.copyOf(damaged);
    }
  }

  /** Checks every committed run under {@code layout}; a sweep with no runs yet has none. */
  public static Report check(Layout layout, Configuration conf) throws IOException {
    return check(layout, conf, true);
  }

  /**
   * Like {@link #check(Layout, Configuration)}, but without holding the metrics' row count
   * against the result: the analysis leaves out only the runs it cannot read, and a readable
   * metrics file with fewer rows (one written by another tool, or only at evaluation steps) can
   * still be analysed. The sweep and {@code grok verify} keep the stricter check, since a run the
   * trainer wrote always has one row per step.
   */
  public static Report readable(Layout layout, Configuration conf) throws IOException {
    return check(layout, conf, false);
  }

  private static Report check(Layout layout, Configuration conf, boolean countRows)
      throws IOException {
    Path results = layout.table(Layout.RESULTS);
    FileSystem fs = results.getFileSystem(conf);
    if (!fs.exists(results)) {
      return new Report(0, List.of());
    }
    record Committed(int modulus, String runId) {}
    List<Committed> runs = new ArrayList<>();
    for (FileStatus partition : fs.listStatus(results)) {
      String name = partition.getPath().getName();
      if (!partition.isDirectory() || !name.startsWith(Layout.PARTITION + "=")) {
        continue;
      }
      int modulus;
      try {
        modulus = Integer.parseInt(name.substring(Layout.PARTITION.length() + 1));
      } catch (NumberFormatException e) {
        continue; // not written by a sweep
      }
      FileStatus[] files = fs.listStatus(partition.getPath());
      java.util.Arrays.sort(files);
      for (FileStatus file : files) {
        String fileName = file.getPath().getName();
        if (!file.isFile() || fileName.startsWith(".") || fileName.startsWith("_")
            || !fileName.endsWith(".parquet")) {
          continue;
        }
        runs.add(new Committed(modulus,
            fileName.substring(0, fileName.length() - ".parquet".length())));
      }
    }
    // the runs are independent: read them in parallel, report them in file order
    List<Damage> damaged = new ArrayList<>();
    BoundedParallel.map(runs, r -> check(layout, conf, r.modulus(), r.runId(), countRows))
        .forEach(d -> d.ifPresent(damaged::add));
    return new Report(runs.size(), damaged);
  }

  /** Checks one committed run; empty when every file of it reads. */
  public static Optional<Damage> check(Layout layout, Configuration conf, int modulus,
      String runId) throws IOException {
    return check(layout, conf, modulus, runId, true);
  }

  private static Optional<Damage> check(Layout layout, Configuration conf, int modulus,
      String runId, boolean countRows) throws IOException {
    Path result = layout.runFile(Layout.RESULTS, modulus, runId);
    FileSystem fs = result.getFileSystem(conf);
    String status;
    int stepsRun;
    try {
      List<Group> rows = ParquetTable.readAll(result, conf);
      if (rows.size() != 1) {
        return damage(runId, modulus, Layout.RESULTS, result,
            "holds " + rows.size() + " rows, a result file holds one");
      }
      status = rows.get(0).getString("status", 0);
      stepsRun = rows.get(0).getInteger("steps_run", 0);
    } catch (IOException | RuntimeException e) {
      return damage(runId, modulus, Layout.RESULTS, result, reason(e));
    }
    boolean trained = !RunStatus.FAILED.key().equals(status);
    for (String table : Layout.RUN_TABLES.subList(1, Layout.RUN_TABLES.size())) {
      Path file = layout.runFile(table, modulus, runId);
      if (!fs.exists(file)) {
        if (trained && table.equals(Layout.METRICS)) {
          return damage(runId, modulus, table, file, "missing, although the result file says "
              + status + " after " + stepsRun + " steps");
        }
        // failed runs have no data, sweeps before spectra and neurons had neither, and only a
        // task with measures of its own writes representations
        continue;
      }
      long rows;
      // read options from conf: ParquetFileReader.open(file) alone parses a configuration of its own
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf),
          HadoopReadOptions.builder(conf, file).build())) {
        rows = reader.getRecordCount();
      } catch (IOException | RuntimeException e) {
        return damage(runId, modulus, table, file, reason(e));
      }
      if (countRows && trained && table.equals(Layout.METRICS) && rows != stepsRun + 1L) {
        return damage(runId, modulus, table, file, "holds " + rows + " rows, the result file"
            + " says steps 0 to " + stepsRun + " (" + (stepsRun + 1L) + " rows)");
      }
    }
    return Optional.empty();
  }

  /**
   * Moves every file of the {@code damaged} runs under {@code DIR/_damaged/TIME/}, keeping their
   * {@code TABLE/modulus=P/RUN.parquet} names, the result file first. Returns that folder. Call
   * it only while no sweep writes into {@code DIR}.
   */
  public static Path moveAside(Layout layout, Configuration conf, Collection<Damage> damaged,
      Instant now) throws IOException {
    Path folder = new Path(layout.damaged(), FOLDER.format(now));
    FileSystem fs = folder.getFileSystem(conf);
    for (Damage d : damaged) {
      for (String table : Layout.RUN_TABLES) {
        Path from = layout.runFile(table, d.modulus(), d.runId());
        if (!fs.exists(from)) {
          continue;
        }
        Path to = new Path(new Path(new Path(folder, table), Layout.PARTITION + "="
            + d.modulus()), from.getName());
        fs.mkdirs(to.getParent());
        if (!fs.rename(from, to)) {
          throw new IOException("could not move " + from + " to " + to);
        }
      }
    }
    return folder;
  }

  private static Optional<Damage> damage(String runId, int modulus, String table, Path file,
      String reason) {
    return Optional.of(new Damage(runId, modulus, table, file.toString(), reason));
  }

  private static String reason(Throwable e) {
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }
}
