import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The assertions of smoke-test.sh on a finished sweep's files, read with DuckDB's JDBC driver:
 * a single-file program, run as {@code java -cp duckdb_jdbc.jar SweepCheck.java ...}.
 *
 * <pre>
 * SweepCheck once DIR RUNS          every run committed exactly once: RUNS result rows with RUNS
 *                                   distinct run ids, one result file per run, every step of
 *                                   every run recorded exactly once in metrics, runs.csv with
 *                                   one row per run
 * SweepCheck same DIR_A DIR_B       runs.csv of both sweeps agree on every run's phase and
 *                                   milestones (and status, steps, final accuracies)
 * </pre>
 *
 * Prints what it checked; exits 0 if every check held, 1 with the first broken one otherwise, 2 on
 * usage errors.
 */
public final class SweepCheck {
  /**
   * The runs.csv columns that must agree between two sweeps of the same configuration: the run's
   * coordinates, status and length, its phase and every milestone and final value (t_*, final_*,
   * delay). A DuckDB column pattern, so columns added later in those families are compared too.
   */
  static final String COMPARED = "COLUMNS('^(run_id|modulus|weight_decay|train_fraction|seed"
      + "|status|steps_run|phase|delay|last_step)$|^t_|^final_')";

  private SweepCheck() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3 || !(args[0].equals("once") || args[0].equals("same"))) {
      System.err.println("usage: SweepCheck once DIR RUNS | SweepCheck same DIR_A DIR_B");
      System.exit(2);
    }
    List<String> failures = new ArrayList<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = db.createStatement()) {
      if (args[0].equals("once")) {
        once(st, args[1], Integer.parseInt(args[2]), failures);
      } else {
        same(st, args[1], args[2], failures);
      }
    }
    if (!failures.isEmpty()) {
      failures.forEach(f -> System.out.println("FAIL " + f));
      System.exit(1);
    }
  }

  private static void once(Statement st, String dir, int runs, List<String> failures)
      throws SQLException {
    String results = "read_parquet('" + dir + "/results/*/*.parquet', filename = true)";
    String metrics = "read_parquet('" + dir + "/metrics/*/*.parquet')";
    String csv = "read_csv('" + dir + "/report/runs.csv', header = true, all_varchar = true)";

    expect(failures, "result rows", runs, count(st, "SELECT count(*) FROM " + results));
    expect(failures, "distinct run ids in results", runs,
        count(st, "SELECT count(DISTINCT run_id) FROM " + results));
    expect(failures, "result files", runs,
        count(st, "SELECT count(DISTINCT filename) FROM " + results));
    expect(failures, "result files not named after their run", 0, count(st,
        "SELECT count(*) FROM " + results + " WHERE NOT ends_with(filename, run_id || '.parquet')"));
    expect(failures, "(run, step) pairs recorded more than once in metrics", 0, count(st,
        "SELECT count(*) FROM (SELECT run_id, step FROM " + metrics
            + " GROUP BY ALL HAVING count(*) > 1)"));
    // A run of steps_run steps records rows 0..steps_run, each once.
    expect(failures, "runs whose metrics are not steps 0..steps_run", 0, count(st,
        "SELECT count(*) FROM " + results + " r LEFT JOIN (SELECT run_id, count(*) AS n,"
            + " min(step) AS lo, max(step) AS hi FROM " + metrics + " GROUP BY run_id) m"
            + " USING (run_id) WHERE m.n IS NULL OR m.lo <> 0 OR m.hi <> r.steps_run"
            + " OR m.n <> r.steps_run + 1"));
    expect(failures, "runs.csv rows", runs, count(st, "SELECT count(*) FROM " + csv));
    expect(failures, "distinct run ids in runs.csv", runs,
        count(st, "SELECT count(DISTINCT run_id) FROM " + csv));
  }

  private static void same(Statement st, String a, String b, List<String> failures)
      throws SQLException {
    String tableA = "(SELECT " + COMPARED + " FROM read_csv('" + a
        + "/report/runs.csv', header = true, all_varchar = true))";
    String tableB = "(SELECT " + COMPARED + " FROM read_csv('" + b
        + "/report/runs.csv', header = true, all_varchar = true))";
    expect(failures, "runs.csv rows of " + a + " missing from or different in " + b, 0,
        count(st, "SELECT count(*) FROM (" + tableA + " EXCEPT ALL " + tableB + ")"));
    expect(failures, "runs.csv rows of " + b + " missing from or different in " + a, 0,
        count(st, "SELECT count(*) FROM (" + tableB + " EXCEPT ALL " + tableA + ")"));
    System.out.println("ok   compared columns: " + count(st,
        "SELECT count(*) FROM (DESCRIBE " + tableA + ")"));
    if (failures.isEmpty()) {
      try (ResultSet rs = st.executeQuery(
          "SELECT phase, count(*) FROM " + tableA + " GROUP BY phase ORDER BY phase")) {
        StringBuilder phases = new StringBuilder();
        while (rs.next()) {
          phases.append(' ').append(rs.getString(1)).append('=').append(rs.getLong(2));
        }
        System.out.println("ok   phases:" + phases);
      }
    } else {
      try (ResultSet rs = st.executeQuery("SELECT * FROM (" + tableA + " EXCEPT ALL " + tableB
          + ") ORDER BY run_id LIMIT 5")) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringBuilder row = new StringBuilder("only in " + a + ":");
          for (int i = 1; i <= columns; i++) {
            row.append(' ').append(rs.getMetaData().getColumnName(i)).append('=')
                .append(rs.getString(i));
          }
          System.out.println(row);
        }
      }
    }
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void expect(List<String> failures, String what, long expected, long found) {
    if (expected == found) {
      System.out.println("ok   " + what + ": " + found);
    } else {
      failures.add(what + ": expected " + expected + ", found " + found);
    }
  }
}
