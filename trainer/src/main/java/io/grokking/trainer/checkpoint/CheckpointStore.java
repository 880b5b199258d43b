package io.grokking.trainer.checkpoint;

import io.grokking.trainer.output.Layout;
import io.grokking.trainer.output.ParquetTable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of one run in {@code DIR/_checkpoints/RUN/}: immutable chunks of the rows
 * recorded between two checkpoints ({@code TABLE-FROM-TO.parquet}, steps FROM .. TO − 1) and one
 * state file per checkpoint ({@code state-TO.bin}).
 *
 * <p>Every file is written under a temporary name and renamed when complete, and a checkpoint's
 * chunks are renamed before its state file, so a state file always has the rows before it on
 * disk: a crash at any point leaves the previous checkpoint whole. Attempts of the same run write
 * the same bytes (training is deterministic), so two attempts saving at once agree; a chunk that
 * is already there is kept.
 */
public final class CheckpointStore {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
  private static final int MAGIC = 0x47524f4b; // "GROK"
  /** Version 2 appends the named extra vectors; version 1 files (AdamW only) still load. */
  private static final int VERSION = 2;
  private static final Pattern STATE = Pattern.compile("state-(\\d+)\\.bin");
  private static final Pattern CHUNK = Pattern.compile("([a-z]+)-(\\d+)-(\\d+)\\.parquet");

  private final FileSystem fs;
  private final Path dir;
  private final String runId;
  private final Map<String, MessageType> tables;
  private final Configuration conf;

  /** A checkpoint found on disk: its state and, per table, its chunks in step order. */
  public record Saved(TrainingState state, Map<String, List<Path>> chunks) {}

  /**
   * @param tables the tables whose rows are kept with each checkpoint, with their schemas
   */
  public CheckpointStore(Layout layout, Configuration conf, String runId,
      Map<String, MessageType> tables) throws IOException {
    this.dir = layout.checkpoint(runId);
    this.fs = dir.getFileSystem(conf);
    this.conf = conf;
    this.runId = runId;
    this.tables = Map.copyOf(tables);
  }

  public Path directory() {
    return dir;
  }

  /**
   * Saves a checkpoint: the rows recorded since the previous one (steps {@code fromStep} ..
   * {@code state.nextStep() − 1}), then the state; then drops older state files.
   */
  public void save(TrainingState state, int fromStep, Map<String, List<Group>> rows)
      throws IOException {
    fs.mkdirs(dir);
    for (Map.Entry<String, MessageType> table : tables.entrySet()) {
      Path chunk = new Path(dir, chunkName(table.getKey(), fromStep, state.nextStep()));
      Path tmp = temporary(chunk);
      try (ParquetTable out = new ParquetTable(tmp, table.getValue(), conf)) {
        for (Group g : rows.getOrDefault(table.getKey(), List.of())) {
          out.write(g);
        }
      }
      publish(tmp, chunk);
    }
    Path stateFile = new Path(dir, stateName(state.nextStep()));
    Path tmp = temporary(stateFile);
    try (DataOutputStream out = fs.create(tmp, true)) {
      write(state, out);
    }
    publish(tmp, stateFile);
    for (FileStatus f : list()) {
      Matcher m = STATE.matcher(f.getPath().getName());
      if (m.matches() && Integer.parseInt(m.group(1)) < state.nextStep()) {
        fs.delete(f.getPath(), false);
      }
    }
  }

  /**
   * The newest checkpoint whose rows are all present, or empty when there is none (or it does not
   * belong to this run, or cannot be read; the run then starts from step 0).
   */
  public Optional<Saved> latest() throws IOException {
    List<Integer> steps = new ArrayList<>();
    List<FileStatus> files = list();
    for (FileStatus f : files) {
      Matcher m = STATE.matcher(f.getPath().getName());
      if (m.matches()) {
        steps.add(Integer.parseInt(m.group(1)));
      }
    }
    steps.sort(Comparator.reverseOrder());
    for (int step : steps) {
      Optional<Map<String, List<Path>>> chunks = chunksUpTo(files, step);
      if (chunks.isEmpty()) {
        LOG.warn("Checkpoint {} of run {} misses rows; trying an older one", step, runId);
        continue;
      }
      TrainingState state;
      try (DataInputStream in = fs.open(new Path(dir, stateName(step)))) {
        state = read(in);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Checkpoint {} of run {} is unreadable; trying an older one", step, runId, e);
        continue;
      }
      if (!state.runId().equals(runId) || state.nextStep() != step) {
        LOG.warn("Checkpoint {} in {} belongs to run {} step {}; ignored", step, dir,
            state.runId(), state.nextStep());
        continue;
      }
      return Optional.of(new Saved(state, chunks.get()));
    }
    return Optional.empty();
  }

  /** Reads one chunk's rows, in the order they were recorded. */
  public List<Group> rows(Path chunk) throws IOException {
    return ParquetTable.readAll(chunk, conf);
  }

  /** Removes every checkpoint of the run; called once the run is committed. */
  public void delete() throws IOException {
    fs.delete(dir, true);
  }

  /** Per table, chunks that tile steps 0 .. step − 1 exactly, or empty if any is missing. */
  private Optional<Map<String, List<Path>>> chunksUpTo(List<FileStatus> files, int step) {
    Map<String, Map<Integer, Integer>> rangesByTable = new LinkedHashMap<>();
    for (FileStatus f : files) {
      Matcher m = CHUNK.matcher(f.getPath().getName());
      if (m.matches() && tables.containsKey(m.group(1))) {
        rangesByTable.computeIfAbsent(m.group(1), t -> new LinkedHashMap<>())
            .put(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      }
    }
    Map<String, List<Path>> chunks = new LinkedHashMap<>();
    for (String table : tables.keySet()) {
      Map<Integer, Integer> ranges = rangesByTable.getOrDefault(table, Map.of());
      List<Path> tiling = new ArrayList<>();
      int at = 0;
      while (at < step) {
        Integer to = ranges.get(at);
        if (to == null || to > step) {
          return Optional.empty();
        }
        tiling.add(new Path(dir, chunkName(table, at, to)));
        at = to;
      }
      chunks.put(table, tiling);
    }
    return Optional.of(chunks);
  }

  private List<FileStatus> list() throws IOException {
    return fs.exists(dir) ? List.of(fs.listStatus(dir)) : List.of();
  }

  /**
   * Renames a complete temporary file to its final name. Where the final name exists already
   * (another attempt got there first, with the same bytes), that file is kept.
   */
  private void publish(Path tmp, Path target) throws IOException {
    if (!fs.rename(tmp, target)) {
      fs.delete(tmp, false);
      if (!fs.exists(target)) {
        throw new IOException("could not move " + tmp + " to " + target);
      }
    }
  }

  private static Path temporary(Path file) {
    return new Path(file.getParent(), "." + file.getName() + "." + UUID.randomUUID() + ".tmp");
  }

  private static String chunkName(String table, int from, int to) {
    return String.format("%s-%09d-%09d.parquet", table, from, to);
  }

  private static String stateName(int step) {
    return String.format("state-%09d.bin", step);
  }

  static void write(TrainingState s, DataOutputStream out) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeUTF(s.runId());
    out.writeInt(s.nextStep());
    out.writeLong(s.updates());
    out.writeInt(s.holdingSince());
    out.writeDouble(s.testAcc());
    out.writeDouble(s.trainSeconds());
    out.writeDouble(s.evalSeconds());
    out.writeInt(s.params().length);
    for (double[] values : List.of(s.params(), s.firstMoment(), s.secondMoment())) {
      for (double x : values) {
        out.writeDouble(x);
      }
    }
    out.writeInt(s.extra().size());
    for (Map.Entry<String, double[]> e : s.extra().entrySet()) {
      out.writeUTF(e.getKey());
      out.writeInt(e.getValue().length);
      for (double x : e.getValue()) {
        out.writeDouble(x);
      }
    }
  }

  static TrainingState read(DataInputStream in) throws IOException {
    int magic = in.readInt();
    int version = in.readInt();
    if (magic != MAGIC || version < 1 || version > VERSION) {
      throw new IOException("not a version 1 to " + VERSION + " grok checkpoint");
    }
    String runId = in.readUTF();
    int nextStep = in.readInt();
    long updates = in.readLong();
    int holdingSince = in.readInt();
    double testAcc = in.readDouble();
    double trainSeconds = in.readDouble();
    double evalSeconds = in.readDouble();
    int n = in.readInt();
    double[][] arrays = new double[3][n];
    for (double[] values : arrays) {
      for (int i = 0; i < n; i++) {
        values[i] = in.readDouble();
      }
    }
    Map<String, double[]> extra = new LinkedHashMap<>();
    int count = version >= 2 ? in.readInt() : 0;
    for (int k = 0; k < count; k++) {
      String name = in.readUTF();
      double[] values = new double[in.readInt()];
      for (int i = 0; i < values.length; i++) {
        values[i] = in.readDouble();
      }
      extra.put(name, values);
    }
    return new TrainingState(runId, nextStep, updates, arrays[0], arrays[1], arrays[2],
        holdingSince, testAcc, trainSeconds, evalSeconds, extra);
  }
}
