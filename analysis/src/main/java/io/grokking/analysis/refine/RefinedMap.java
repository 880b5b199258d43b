package io.grokking.analysis.refine;

import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.render.PhaseCell;
import io.grokking.analysis.render.PhaseGrid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The phase map of one refined panel: each measured point of the {@code x} × {@code y} lattice
 * owns a square cell centred on it that reaches half-way to its neighbours of its own round —
 * half a coarse step for a point of the configured grid, a quarter for one the first round added,
 * and so on. Cells of one round tile the diagram; a later round's cells lie on top of an earlier
 * round's, so fine cells appear only where refinement went, near the boundaries.
 *
 * <p>A place of the diagram takes the phase of the latest-round cell that covers it (cells are
 * closed), ties going to the nearer point and then to the lower (y, x) index. The same rule
 * draws the map, finds its boundaries and answers {@link #at}, so a point of a uniform grid reads
 * off exactly the colour the picture shows there.
 */
public final class RefinedMap {
  /**
   * One measured point.
   *
   * @param i    fine index along x
   * @param j    fine index along y
   * @param cell the point's seeds summarized (majority phase, agreement)
   * @param key  the phase-diagram cell it came from, null when made without one
   */
  public record Point(int i, int j, PhaseCell cell, PhaseGrid.Key key) {
    public Point {
      Objects.requireNonNull(cell, "cell");
    }

    public Point(int i, int j, PhaseCell cell) {
      this(i, j, cell, null);
    }
  }

  /**
   * A straight piece of boundary between two cells of different phases, in fine-index units.
   *
   * @param vertical true for a piece at constant x (phases left and right), false for constant y
   * @param low      the phase left of a vertical piece, below a horizontal one
   * @param high     the phase on the other side
   */
  public record Segment(boolean vertical, double x0, double y0, double x1, double y1, Phase low,
      Phase high) {}

  private final Lattice x;
  private final Lattice y;
  private final List<Point> points;
  /** {@link #boundaries()}, found on first use: the diagram, its image map and the CSV read it. */
  private List<Segment> boundaries;

  public RefinedMap(Lattice x, Lattice y, List<Point> points) {
    if (x.rounds() != y.rounds()) {
      throw new IllegalArgumentException("Both axes of a refined map have the same rounds, found "
          + x.rounds() + " and " + y.rounds());
    }
    this.x = x;
    this.y = y;
    List<Point> sorted = new ArrayList<>(points);
    // drawing order: coarse first, so later rounds' cells land on top
    sorted.sort(Comparator.comparingInt(this::level).thenComparingInt(Point::j)
        .thenComparingInt(Point::i));
    this.points = List.copyOf(sorted);
  }

  public Lattice x() {
    return x;
  }

  public Lattice y() {
    return y;
  }

  /** The points in drawing order: by round, then by (y, x) index. */
  public List<Point> points() {
    return points;
  }

  /** The round that added {@code p}: the later of its two coordinates' rounds. */
  public int level(Point p) {
    return Math.max(x.level(p.i()), y.level(p.j()));
  }

  /** Half the side of {@code p}'s cell, in fine-index units. */
  public double halfSide(Point p) {
    return (1 << (x.rounds() - level(p))) / 2.0;
  }

  /**
   * The point whose cell shows at fine-index position ({@code fi}, {@code fj}), or null where no
   * cell reaches.
   */
  public Point at(double fi, double fj) {
    Point best = null;
    int bestLevel = -1;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (Point p : points) {
      double half = halfSide(p);
      double dx = Math.abs(fi - p.i());
      double dy = Math.abs(fj - p.j());
      if (dx > half || dy > half) {
        continue;
      }
      int level = level(p);
      double distance = Math.hypot(dx, dy);
      // points are in (level, j, i) order: a later one wins only by level or distance
      if (level > bestLevel || (level == bestLevel && distance < bestDistance)) {
        best = p;
        bestLevel = level;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** The phase shown at the values ({@code xValue}, {@code yValue}), or null where none is. */
  public Phase phaseAt(double xValue, double yValue) {
    Point p = at(x.fineIndexOf(xValue), y.fineIndexOf(yValue));
    return p == null ? null : p.cell().phase();
  }

  /**
   * The boundaries between phases: every edge between two cells of different phases, joined into
   * maximal straight pieces. Cell edges lie on multiples of half a fine step, so the map is read
   * on squares of that side, whose centres no edge crosses; they cover the coarse cells, which
   * reach half a coarse step beyond the outer points.
   */
  public synchronized List<Segment> boundaries() {
    if (boundaries == null) {
      boundaries = List.copyOf(findBoundaries());
    }
    return boundaries;
  }

  private List<Segment> findBoundaries() {
    // the coarse cells reach half a coarse step beyond the outer points
    double margin = x.step() / 2.0;
    int nx = 2 * (x.size() - 1 + x.step());
    int ny = 2 * (y.size() - 1 + y.step());
    Phase[][] grid = new Phase[nx][ny];
    for (int a = 0; a < nx; a++) {
      for (int b = 0; b < ny; b++) {
        Point p = at(edge(a, margin) + 0.25, edge(b, margin) + 0.25);
        grid[a][b] = p == null ? null : p.cell().phase();
      }
    }
    List<Segment> segments = new ArrayList<>();
    for (int a = 0; a + 1 < nx; a++) { // vertical edges between column a and a + 1
      int b = 0;
      while (b < ny) {
        Phase low = grid[a][b];
        Phase high = grid[a + 1][b];
        if (low == null || high == null || low == high) {
          b++;
          continue;
        }
        int start = b;
        while (b < ny && grid[a][b] == low && grid[a + 1][b] == high) {
          b++;
        }
        double at = edge(a + 1, margin);
        segments.add(new Segment(true, at, edge(start, margin), at, edge(b, margin), low, high));
      }
    }
    for (int b = 0; b + 1 < ny; b++) { // horizontal edges between row b and b + 1
      int a = 0;
      while (a < nx) {
        Phase low = grid[a][b];
        Phase high = grid[a][b + 1];
        if (low == null || high == null || low == high) {
          a++;
          continue;
        }
        int start = a;
        while (a < nx && grid[a][b] == low && grid[a][b + 1] == high) {
          a++;
        }
        double at = edge(b + 1, margin);
        segments.add(new Segment(false, edge(start, margin), at, edge(a, margin), at, low,
            high));
      }
    }
    return segments;
  }

  /**
   * The lower edge of reading square {@code k}: squares of side ½ from the outer cells' edge,
   * {@code margin} before the first point.
   */
  private static double edge(int k, double margin) {
    return -margin + 0.5 * k;
  }
}
