package io.grokking.analysis.report;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.analysis.render.Axis;
import io.grokking.analysis.render.DelayMap;
import io.grokking.analysis.render.Images;
import io.grokking.analysis.render.LearningCurves;
import io.grokking.analysis.render.ModuliSummary;
import io.grokking.analysis.render.PhaseDiagram;
import io.grokking.analysis.refine.RefinedMap;
import io.grokking.analysis.render.RefinedDiagram;
import io.grokking.analysis.render.Panel;
import io.grokking.analysis.render.PhaseCell;
import io.grokking.analysis.render.PhaseGrid;
import io.grokking.analysis.render.RunFigure;
import io.grokking.trainer.config.Setting;
import io.grokking.trainer.config.Settings;
import io.grokking.trainer.output.DamagedRuns;
import java.awt.Rectangle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * {@code report/index.html}: one page with no script and no network access, its CSS inline and
 * its images (the PNGs beside it, the SVGs linked) referenced by relative name, so the report
 * directory can be copied anywhere and opened from disk. Every figure's caption says what it
 * shows and the phase rule it was drawn with.
 */
public final class HtmlReport {
  /** File name inside {@code DIR/report}. */
  public static final String FILE_NAME = "index.html";
  /** Above this many runs the page links runs.csv instead of listing every run. */
  static final int MAX_TABLE_ROWS = 2000;
  /** How often a browser reloads a partial report: about the pace a sweep commits runs at. */
  public static final int PARTIAL_RELOAD_SECONDS = 30;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

  private static final String CSS = """
      body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1100px;
      margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
      h1{font-size:1.6em}h2{font-size:1.3em;margin-top:2.2em;border-bottom:1px solid #ddd}
      h3{font-size:1.08em;margin-top:1.6em}
      nav{font-size:.92em;background:#f7f7f7;padding:.5em .8em;border-radius:4px}
      nav a{margin-right:.9em;white-space:nowrap}
      figure{margin:1.2em 0 2em}figure img{max-width:100%;height:auto;border:1px solid #eee}
      figcaption{font-size:.92em;color:#444;max-width:62em}
      table{border-collapse:collapse;font-size:.85em;margin:1em 0}
      th,td{border:1px solid #ddd;padding:.25em .55em;text-align:right;vertical-align:top}
      th{background:#f4f4f4}td.l,th.l{text-align:left}
      td.mv{text-align:left;font-size:.85em;min-width:24em;max-width:40em}
      td.ph{white-space:nowrap}
      .sw{display:inline-block;width:.9em;height:.9em;margin-right:.4em;vertical-align:-.1em;
      border:1px solid #0003}.runs{max-height:40em;overflow:auto;display:block}
      figure.map{overflow-x:auto}figure img.map{max-width:none}
      table.cells td div{white-space:nowrap}
      code,pre{font-size:.95em}pre{background:#f7f7f7;padding:.6em;overflow:auto}
      .warn{background:#fff4e5;border:1px solid #f0b46c;padding:.2em .9em;border-radius:4px}
      """;

  private HtmlReport() {}

  /**
   * The page as UTF-8 bytes.
   *
   * @param sweepDir    the sweep's output directory, shown as provenance
   * @param runs        every classified run, in table order
   * @param grids       one grid per panel, in page order; its figures are named by the render
   *                    classes
   * @param shown       the runs with a mechanistic figure ({@link RunFigure}), in page order
   * @param generatedAt when the analysis ran
   */
  public static byte[] render(String sweepDir, PhaseRule rule, List<RunRecord> runs,
      List<PhaseGrid> grids, List<ShownRun> shown, Instant generatedAt) {
    return render(sweepDir, rule, runs, grids, shown, generatedAt, List.of());
  }

  /** As above, with a note naming the {@code damaged} runs left out of the page. */
  public static byte[] render(String sweepDir, PhaseRule rule, List<RunRecord> runs,
      List<PhaseGrid> grids, List<ShownRun> shown, Instant generatedAt,
      List<DamagedRuns.Damage> damaged) {
    return render(sweepDir, rule, runs, grids, shown, generatedAt, damaged, Map.of());
  }

  /**
   * As above; each panel of {@code refined} (none for a plain grid) shows its refined diagram
   * ({@link RefinedDiagram}) above its phase diagram of every measured point.
   */
  public static byte[] render(String sweepDir, PhaseRule rule, List<RunRecord> runs,
      List<PhaseGrid> grids, List<ShownRun> shown, Instant generatedAt,
      List<DamagedRuns.Damage> damaged, Map<Panel, RefinedMap> refined) {
    return render(sweepDir, rule, runs, grids, shown, generatedAt, damaged, refined, null);
  }

  /**
   * As above; a {@code partial} report (null: the complete one) opens with a banner saying how
   * many of the sweep's runs it shows and when, and has the browser reload it every {@link
   * #PARTIAL_RELOAD_SECONDS} seconds until the complete report replaces it.
   */
  public static byte[] render(String sweepDir, PhaseRule rule, List<RunRecord> runs,
      List<PhaseGrid> grids, List<ShownRun> shown, Instant generatedAt,
      List<DamagedRuns.Damage> damaged, Map<Panel, RefinedMap> refined, Partial partial) {
    StringBuilder out = new StringBuilder(16384);
    Set<String> figures = shown.stream().map(s -> s.run().runId()).collect(Collectors.toSet());
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    if (partial != null) {
      out.append("<meta http-equiv=\"refresh\" content=\"").append(PARTIAL_RELOAD_SECONDS)
          .append("\">\n");
    }
    out.append("<title>Grokking sweep report</title>\n<style>").append(CSS)
        .append("</style></head><body>\n<h1>Grokking sweep report: ")
        .append(Html.escape(Tasks.title(runs))).append("</h1>\n");
    if (partial != null) {
      partial(out, partial, generatedAt);
    }
    out.append("<p>Sweep <code>").append(Html.escape(sweepDir)).append("</code>: ")
        .append(runs.size()).append(" committed runs over ").append(panelCount(grids))
        .append(". Generated ").append(Html.escape(generatedAt)).append(".</p>\n");
    leftOut(out, damaged);
    nav(out, grids);
    rule(out, rule);
    summary(out, runs, grids);
    across(out, grids, rule);
    for (PhaseGrid grid : grids) {
      panel(out, grid, rule, figures, refined.get(grid.panel()));
    }
    mechanisms(out, runs, shown, rule);
    runTable(out, runs, rule);
    data(out);
    out.append("</body></html>\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@link #render(String, PhaseRule, List, List, List, Instant)} over grids by modulus. */
  public static byte[] render(String sweepDir, PhaseRule rule, List<RunRecord> runs,
      SortedMap<Integer, PhaseGrid> grids, List<ShownRun> shown, Instant generatedAt) {
    return render(sweepDir, rule, runs, List.copyOf(grids.values()), shown, generatedAt);
  }

  /**
   * The banner of a report drawn while the sweep still trains.
   *
   * @param committed the sweep's runs committed when the analysis started
   * @param total     the sweep's runs, committed or not
   */
  public record Partial(int committed, int total) {
    public Partial {
      if (committed < 0 || committed > total) {
        throw new IllegalArgumentException("committed runs must be in 0.." + total + ", found "
            + committed);
      }
    }

    /** {@code partial: N of M runs committed, refreshed HH:MM}, in this machine's time zone. */
    public String banner(Instant refreshedAt) {
      return "partial: " + committed + " of " + total + " runs committed, refreshed "
          + CLOCK.format(refreshedAt.atZone(ZoneId.systemDefault()));
    }
  }

  private static void partial(StringBuilder out, Partial partial, Instant generatedAt) {
    out.append("<div id=\"partial\" class=\"warn\"><p><strong>")
        .append(Html.escape(partial.banner(generatedAt)))
        .append("</strong>. The sweep is still training: this page shows the runs committed so"
            + " far, reloads itself every ").append(PARTIAL_RELOAD_SECONDS)
        .append(" s, and is replaced by the complete report when the sweep ends.</p></div>\n");
  }

  /** The damaged runs left out, named where nobody can miss them: before everything else. */
  private static void leftOut(StringBuilder out, List<DamagedRuns.Damage> damaged) {
    if (damaged.isEmpty()) {
      return;
    }
    out.append("<div id=\"left-out\" class=\"warn\"><p><strong>")
        .append(count(damaged.size(), "committed run is", "committed runs are"))
        .append(" left out of this report</strong>: their files cannot be read. <code>grok"
            + " sweep</code> into the same directory moves them aside to <code>_damaged/</code>"
            + " and trains them again; <code>grok verify</code> checks the files.</p>\n")
        .append("<table><tr><th class=\"l\">run</th><th class=\"l\">file</th>"
            + "<th class=\"l\">reason</th></tr>\n");
    for (DamagedRuns.Damage d : damaged) {
      out.append("<tr><td class=\"l\"><code>").append(Html.escape(d.runId()))
          .append("</code></td><td class=\"l\"><code>").append(Html.escape(d.file()))
          .append("</code></td><td class=\"l\">").append(Html.escape(d.reason()))
          .append("</td></tr>\n");
    }
    out.append("</table></div>\n");
  }

  private static String panelCount(List<PhaseGrid> grids) {
    if (ModuliSummary.name(grids).equals(ModuliSummary.NAME)) {
      long moduli = grids.stream().map(PhaseGrid::modulus).distinct().count();
      return moduli == 1 ? "1 modulus" : moduli + " moduli";
    }
    return count(grids.size(), "panel", "panels") + " (" + ModuliSummary.axisName(grids) + ")";
  }

  /** The section of a panel: {@code p23} by default. */
  private static String sectionId(PhaseGrid grid) {
    return grid.panel().slug();
  }

  private static String heading(PhaseGrid grid) {
    return grid.panel().title().isEmpty() ? "All runs" : grid.panel().title();
  }

  private static void nav(StringBuilder out, List<PhaseGrid> grids) {
    out.append("<nav>Contents: <a href=\"#rule\">phase rule</a><a href=\"#summary\">runs per")
        .append(" phase</a><a href=\"#").append(ModuliSummary.name(grids)).append("\">across ")
        .append(Html.escape(ModuliSummary.axisName(grids))).append("</a>");
    for (PhaseGrid grid : grids) {
      out.append("<a href=\"#").append(sectionId(grid)).append("\">")
          .append(Html.escape(heading(grid))).append("</a>");
    }
    out.append("<a href=\"#mechanisms\">mechanisms</a><a href=\"#runs\">runs</a>")
        .append("<a href=\"#data\">data</a></nav>\n");
  }

  private static void rule(StringBuilder out, PhaseRule rule) {
    out.append("<h2 id=\"rule\">Phase rule</h2>\n<p>A run's milestone t<sub>train</sub>")
        .append(" (t<sub>test</sub>) is the first step at which train (evaluated test) accuracy")
        .append(" reaches <b>").append(Html.escape(plain(rule.threshold()))).append("</b>. ");
    if (rule.kind() == PhaseRule.Kind.GAP) {
      out.append("The rule of Liu et al. 2022, <i>Towards Understanding Grokking: An Effective")
          .append(" Theory of Representation Learning</i>. <b>Comprehension</b>: test reached")
          .append(" and t<sub>test</sub> − t<sub>train</sub> &lt; ").append(rule.gap())
          .append(" steps (or test reached without train). <b>Grokking</b>: both reached and")
          .append(" t<sub>test</sub> − t<sub>train</sub> ≥ ").append(rule.gap()).append(" steps.");
    } else {
      out.append("The relative rule: a fixed gap calls every fast run comprehension however far")
          .append(" test accuracy lags (Doshi et al. 2023's quadratic MLP at p = 97 reaches train")
          .append(" 0.9 at step 14 and test 0.9 at step 38). <b>Comprehension</b>: test reached")
          .append(" and t<sub>test</sub> &lt; ").append(Html.escape(plain(rule.ratio())))
          .append(" · t<sub>train</sub> (or test reached without train, or not after train).")
          .append(" <b>Grokking</b>: both reached, t<sub>test</sub> ≥ ")
          .append(Html.escape(plain(rule.ratio()))).append(" · t<sub>train</sub> and")
          .append(" t<sub>test</sub> &gt; t<sub>train</sub>.");
    }
    out.append(" <b>Memorization</b>: only train reached.")
        .append(" <b>Confusion</b>: neither reached within the run's steps.")
        .append(" <b>Failed</b>: the run threw and recorded no metrics.</p>\n")
        .append("<p>The rule comes from <code>analysis.phase-rule</code> (<code>gap</code> or")
        .append(" <code>ratio</code>), <code>analysis.phase-threshold</code>,")
        .append(" <code>analysis.phase-gap</code> and <code>analysis.phase-ratio</code> of the")
        .append(" sweep's configuration, or from the command line; <code>grok analyze DIR</code>")
        .append(" re-classifies the runs and redraws this report without retraining.</p>\n");
  }

  private static String plain(double value) {
    return new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }

  /** The sentence every caption ends with. */
  static String ruleNote(PhaseRule rule) {
    return " Phase rule: " + Html.escape(rule.describe()) + ".";
  }

  private static void summary(StringBuilder out, List<RunRecord> runs, List<PhaseGrid> grids) {
    out.append("<h2 id=\"summary\">Runs per phase</h2>\n<table><tr><th class=\"l\">phase</th>");
    grids.forEach(g -> out.append("<th>").append(Html.escape(heading(g))).append("</th>"));
    out.append("<th>all</th></tr>\n");
    Map<Phase, Long> total = RunRecord.countByPhase(runs);
    List<Map<Phase, Long>> perPanel = grids.stream().map(g -> RunRecord.countByPhase(
        g.members().values().stream().flatMap(List::stream).toList())).toList();
    for (Phase phase : Phase.values()) {
      if (phase == Phase.NOT_APPLICABLE && total.get(phase) == 0) {
        continue; // only sweeps with a training fraction of 1 have such runs
      }
      out.append("<tr><td class=\"l\">").append(swatch(phase)).append(phase.key())
          .append("</td>");
      for (Map<Phase, Long> counts : perPanel) {
        out.append("<td>").append(counts.get(phase)).append("</td>");
      }
      out.append("<td>").append(total.get(phase)).append("</td></tr>\n");
    }
    out.append("</table>\n");
  }

  private static void across(StringBuilder out, List<PhaseGrid> grids, PhaseRule rule) {
    if (grids.isEmpty()) {
      return;
    }
    String name = ModuliSummary.name(grids);
    String axis = ModuliSummary.axisName(grids);
    PhaseGrid first = grids.get(0);
    String x = Axis.name(first.x().key());
    String y = Axis.name(first.y().key());
    boolean moduli = name.equals(ModuliSummary.NAME);
    String across = moduli ? "modulus p" : axis;
    out.append("<h2 id=\"").append(name).append("\">Across ").append(Html.escape(axis))
        .append("</h2>\n");
    figure(out, name, "Phases across " + axis, Html.escape(String.format(Locale.ROOT,
        "How the phases move with the %s. Left: for each panel, the share of its grid cells"
            + " (%s × %s) whose majority phase over the seeds is each phase. Right: for each %s,"
            + " the smallest %s whose cell's majority generalizes (comprehension or grokking),"
            + " against the %s; a missing point means no %s of that %s generalized there. %s.",
        across, x, y, x, y, across, y, x, panelCount(grids))) + ruleNote(rule), "");
  }

  private static void panel(StringBuilder out, PhaseGrid grid, PhaseRule rule,
      Set<String> figures, RefinedMap refined) {
    Panel panel = grid.panel();
    String title = heading(grid);
    String x = Html.escape(grid.x().title());
    String y = Html.escape(grid.y().title());
    String runsInCells = count(grid.runs(), "run", "runs") + " in "
        + count(grid.cells().size(), "cell", "cells");
    out.append("<h2 id=\"").append(sectionId(grid)).append("\">").append(Html.escape(title))
        .append("</h2>\n");
    if (refined != null) {
      figure(out, RefinedDiagram.name(panel), "Refined phase diagram for " + title,
          String.format(Locale.ROOT, "The refined grid of %s, %s across and %s up: each"
              + " measured point's cell reaches half-way to its neighbours of the same"
              + " refinement round, so small cells show where refinement went. Colour: the"
              + " majority phase of the point's seeds; dot: the point; dashed inset: its seeds"
              + " disagree; black lines: the boundaries between phases, listed in <a"
              + " href=\"boundaries.csv\">boundaries.csv</a>. The diagram below shows the same"
              + " points on a grid of every value measured.", Html.escape(Tasks.of(grid)), x, y)
              + " Each cell links to its runs below the learning curves." + ruleNote(rule),
          refinedMap(grid, rule, refined));
    }
    figure(out, PhaseDiagram.name(panel), "Phase diagram for " + title, String.format(Locale.ROOT,
        "Phase of %s for each %s (across) and %s (up), %s. Colour: the majority phase of the"
            + " cell's seeds. Number: t<sub>test</sub> − t<sub>train</sub> in steps at the"
            + " threshold, median over the majority's runs, — when a milestone was not reached."
            + " With several seeds, k/n counts the seeds in the majority phase; a dashed border"
            + " marks a boundary cell, whose seeds disagree or failed. Each cell links to its"
            + " runs below the learning curves.", Html.escape(Tasks.of(grid)), x, y, runsInCells)
            + ruleNote(rule), imageMap(grid, rule));
    figure(out, DelayMap.name(panel), "Grokking delay for " + title, String.format(Locale.ROOT,
        "Grokking delay t<sub>test</sub> − t<sub>train</sub> of %s at the phase"
            + " threshold, on the phase diagram's axes, coloured on a log scale (the same for"
            + " every panel). A hatched cell showing &gt; n is censored: the run fitted the"
            + " training set but its budget ran out before test accuracy reached the threshold,"
            + " so its delay exceeds n = last step − t<sub>train</sub>. Grey —: train accuracy"
            + " never reached the threshold. With several seeds the cell shows the lower median,"
            + " censored seeds counting as longer than every observed delay; the small text"
            + " gives the majority phase and agreement. %s.", Html.escape(Tasks.of(grid)),
        runsInCells) + ruleNote(rule), "");
    figure(out, LearningCurves.Kind.ACCURACY.name(panel), "Learning curves for " + title,
        String.format(Locale.ROOT, "Train (solid) and test (dashed) accuracy against the"
            + " optimizer step on a log axis, one panel per cell of the phase diagram (%s"
            + " across, %s up) and one pair of lines per seed; the dotted"
            + " line is the threshold. The panel background is the cell's majority phase. Curves"
            + " are thinned to about 50 points per decade of steps; step 0 is left out of the log"
            + " axis. %s.", x, y, runsInCells) + ruleNote(rule), "");
    cells(out, grid, figures);
    figure(out, LearningCurves.Kind.WEIGHT_NORM.name(panel), "Weight norm for " + title,
        String.format(Locale.ROOT, "The L2 norm of all the network's weights at each evaluation"
            + " step, Omnigrok's view (Liu, Michaud &amp; Tegmark 2023), which ties generalization"
            + " to the norm settling in a 'Goldilocks' range. Same"
            + " panels and log step axis as the learning curves; one y scale for the whole"
            + " panel; background: the cell's majority phase. %s.", runsInCells)
            + ruleNote(rule), "");
  }

  /** The anchor of one cell's list of runs. */
  static String cellId(PhaseGrid grid, PhaseGrid.Key key) {
    return "cell-" + grid.panel().slug() + "-" + grid.x().indexOf(key.x()) + "-"
        + grid.y().indexOf(key.y());
  }

  /** The cells of a phase diagram in axis order, x first. */
  private static List<PhaseGrid.Key> keys(PhaseGrid grid) {
    List<PhaseGrid.Key> keys = new java.util.ArrayList<>();
    for (String x : grid.x().values()) {
      for (String y : grid.y().values()) {
        PhaseGrid.Key key = new PhaseGrid.Key(x, y);
        if (grid.cells().containsKey(key)) {
          keys.add(key);
        }
      }
    }
    return keys;
  }

  /** An image map over the refined diagram's PNG: each point's cell links to its runs. */
  private static String refinedMap(PhaseGrid grid, PhaseRule rule, RefinedMap map) {
    StringBuilder html = new StringBuilder("<map name=\"map-")
        .append(RefinedDiagram.name(grid.panel())).append("\">\n");
    RefinedDiagram.cellAreas(grid.panel(), grid.x().key(), grid.y().key(), map, rule)
        .forEach((point, r) -> html.append("<area shape=\"rect\" coords=\"").append(r.x)
            .append(',').append(r.y).append(',').append(r.x + r.width).append(',')
            .append(r.y + r.height).append("\" href=\"#").append(cellId(grid, point.key()))
            .append("\" alt=\"").append(Html.escape(cellTitle(grid, point.key())))
            .append("\">\n"));
    return html.append("</map>\n").toString();
  }

  /** An image map over the phase diagram's PNG: each cell's rectangle links to its runs. */
  private static String imageMap(PhaseGrid grid, PhaseRule rule) {
    Map<PhaseGrid.Key, Rectangle> areas = PhaseDiagram.cellAreas(grid, rule);
    StringBuilder map = new StringBuilder("<map name=\"map-")
        .append(PhaseDiagram.name(grid.panel())).append("\">\n");
    for (PhaseGrid.Key key : keys(grid)) {
      Rectangle r = areas.get(key);
      map.append("<area shape=\"rect\" coords=\"").append(r.x).append(',').append(r.y)
          .append(',').append(r.x + r.width).append(',').append(r.y + r.height)
          .append("\" href=\"#").append(cellId(grid, key)).append("\" alt=\"")
          .append(Html.escape(cellTitle(grid, key))).append("\">\n");
    }
    return map.append("</map>\n").toString();
  }

  private static String cellTitle(PhaseGrid grid, PhaseGrid.Key key) {
    PhaseCell cell = grid.cells().get(key);
    return Axis.name(grid.x().key()) + " " + grid.x().label(key.x()) + ", "
        + Axis.name(grid.y().key()) + " " + grid.y().label(key.y()) + ": " + cell.phase().key()
        + (cell.runs() > 1 ? " " + cell.agreement() : "");
  }

  /** Under the curves: one row per cell, anchored for the image map, listing its runs. */
  private static void cells(StringBuilder out, PhaseGrid grid, Set<String> figures) {
    out.append("<table class=\"cells\"><tr><th>").append(Html.escape(Axis.name(grid.x().key())))
        .append("</th><th>").append(Html.escape(Axis.name(grid.y().key())))
        .append("</th><th class=\"l\">majority phase</th>")
        .append("<th class=\"l\">runs: id, seed, phase, t<sub>train</sub>, t<sub>test</sub>")
        .append("</th></tr>\n");
    for (PhaseGrid.Key key : keys(grid)) {
      PhaseCell cell = grid.cells().get(key);
      out.append("<tr id=\"").append(cellId(grid, key)).append("\"><td>")
          .append(Html.escape(grid.x().label(key.x()))).append("</td><td>")
          .append(Html.escape(grid.y().label(key.y()))).append("</td><td class=\"l ph\">")
          .append(swatch(cell.phase())).append(cell.phase().key())
          .append(cell.runs() > 1 ? " " + cell.agreement() : "").append("</td><td class=\"l\">");
      for (RunRecord r : grid.runsOf(key)) {
        out.append("<div>").append(runLink(r, figures)).append(" seed ").append(r.seed())
            .append(", ").append(r.phase().key()).append(", ").append(orDash(r.tTrainPhase()))
            .append(", ").append(orDash(r.tTestPhase())).append("</div>");
      }
      out.append("</td></tr>\n");
    }
    out.append("</table>\n");
  }

  private static String runLink(RunRecord r, Set<String> figures) {
    String code = "<code>" + Html.escape(r.runId()) + "</code>";
    return figures.contains(r.runId())
        ? "<a href=\"#" + RunFigure.name(r.runId()) + "\">" + code + "</a>" : code;
  }

  private static void mechanisms(StringBuilder out, List<RunRecord> runs, List<ShownRun> shown,
      PhaseRule rule) {
    out.append("<h2 id=\"mechanisms\">Mechanisms</h2>\n<p>He, Wang, Chen &amp; Yang 2026:")
        .append(" each hidden neuron settles on one Fourier frequency of Z<sub>p</sub>, which")
        .append(" its initial weights decide (the <i>lottery ticket</i>), and neurons of one")
        .append(" frequency with spread-out phases vote together (<i>majority voting</i>).")
        .append(" The lottery ticket hit rate is the share of neurons whose final dominant")
        .append(" frequency is the one predicted from their initial weights; chance is")
        .append(" 1/((p−1)/2). Majority voting lists, per key frequency k, its neuron count n")
        .append(" and the length R of the mean resultant vector of their phases (0: evenly")
        .append(" spread, 1: aligned).</p>\n");
    if (runs.size() <= MAX_TABLE_ROWS) {
      out.append("<table class=\"runs\"><tr><th class=\"l\">run_id</th><th>p</th>")
          .append("<th>weight decay</th><th>train fraction</th><th>seed</th>")
          .append("<th class=\"l\">phase</th><th>lottery ticket hit rate</th><th>chance</th>")
          .append("<th>hit / chance</th><th class=\"l\">key frequencies</th>")
          .append("<th class=\"l\">majority voting (k: n, R)</th></tr>\n");
      List<String> figures = shown.stream().map(s -> s.run().runId()).toList();
      for (RunRecord r : runs) {
        out.append("<tr><td class=\"l\">");
        if (figures.contains(r.runId())) {
          out.append("<a href=\"#").append(RunFigure.name(r.runId())).append("\"><code>")
              .append(Html.escape(r.runId())).append("</code></a>");
        } else {
          out.append("<code>").append(Html.escape(r.runId())).append("</code>");
        }
        out.append("</td>");
        cells(out, r.modulus(), r.weightDecay(), r.trainFraction(), r.seed());
        out.append("<td class=\"l ph\">").append(swatch(r.phase())).append(r.phase().key())
            .append("</td>");
        cells(out, accuracy(r.lotteryTicketHitRate()), accuracy(r.lotteryTicketChance()),
            r.lotteryTicketHitRate() == null || r.lotteryTicketChance() == null
                || r.lotteryTicketChance() == 0 ? null
                : String.format(Locale.ROOT, "%.1f×",
                    r.lotteryTicketHitRate() / r.lotteryTicketChance()));
        out.append("<td class=\"l\">").append(orDash(r.keyFrequencies())).append("</td>")
            .append("<td class=\"mv\">").append(orDash(majorityVoting(r.majorityVoting())))
            .append("</td></tr>\n");
      }
      out.append("</table>\n");
    }
    for (ShownRun s : shown) {
      RunRecord r = s.run();
      String name = RunFigure.name(r.runId());
      out.append("<h3 id=\"").append(name).append("\">Run <code>").append(Html.escape(r.runId()))
          .append("</code>: ").append(Html.escape(s.why())).append("</h3>\n");
      figure(out, name, "Mechanistic figure of run " + r.runId(), String.format(Locale.ROOT,
          "Run %s (p = %d, weight decay %s, training fraction %s, seed %d; phase %s, %s)."
              + " (a) Fourier spectrum of the input weights W<sub>in</sub> over training: at each"
              + " evaluation step, the share of that step's spectral energy (summed over"
              + " neurons) in each frequency k = 0…(p−1)/2. (b) How many neurons have each"
              + " dominant frequency at initialisation and at the end. (c) Train and test"
              + " accuracy with the milestones t<sub>train</sub>, t<sub>test</sub> at the"
              + " threshold. (d) Inverse participation ratio of the neurons' spectra (1: one"
              + " frequency per neuron) and Nanda et al. 2023's restricted loss (logits kept"
              + " only along the key frequencies) and excluded loss (those directions"
              + " removed).", Html.escape(r.runId()), r.modulus(), r.weightDecay(),
          r.trainFraction(), r.seed(), r.phase().key(), Html.escape(s.why())) + ruleNote(rule));
    }
  }

  private static void figure(StringBuilder out, String name, String alt, String caption) {
    figure(out, name, alt, caption, "");
  }

  /** A figure; with a {@code <map>}, its PNG is shown at its own size so the map's pixels fit. */
  private static void figure(StringBuilder out, String name, String alt, String caption,
      String map) {
    out.append(map.isEmpty() ? "<figure>" : "<figure class=\"map\">").append("<img src=\"")
        .append(Images.pngName(name)).append("\" alt=\"").append(Html.escape(alt)).append('"');
    if (!map.isEmpty()) {
      out.append(" usemap=\"#map-").append(name).append("\" class=\"map\"");
    }
    out.append(">\n").append(map).append("<figcaption>").append(caption)
        .append(" Vector version: <a href=\"").append(Images.svgName(name)).append("\">")
        .append(Images.svgName(name)).append("</a>.</figcaption></figure>\n");
  }

  private static void runTable(StringBuilder out, List<RunRecord> runs, PhaseRule rule) {
    out.append("<h2 id=\"runs\">Runs</h2>\n<p>Every column of every run:")
        .append(" <a href=\"runs.csv\">runs.csv</a> (and Parquet under <code>runs/</code>).")
        .append(" Censored delays show as &gt; n.").append(ruleNote(rule)).append("</p>\n");
    List<Setting> varied = RunRecord.variedSettings(runs).stream()
        .filter(s -> !TABLE_SETTINGS.contains(s.key())).toList();
    if (runs.size() > MAX_TABLE_ROWS) {
      out.append("<p>").append(runs.size()).append(" runs are too many to list here.</p>\n");
      return;
    }
    out.append("<table class=\"runs\"><tr><th class=\"l\">run_id</th><th>p</th>")
        .append("<th>weight decay</th><th>train fraction</th><th>seed</th>")
        .append("<th class=\"l\">status</th><th>steps</th><th>t<sub>train</sub></th>")
        .append("<th>t<sub>test</sub></th><th>delay</th><th>final train acc</th>")
        .append("<th>final test acc</th><th class=\"l\">phase</th>");
    varied.forEach(s -> out.append("<th>").append(Html.escape(Axis.name(s.key()))).append("</th>"));
    out.append("</tr>\n");
    for (RunRecord r : runs) {
      out.append("<tr><td class=\"l\"><code>").append(Html.escape(r.runId()))
          .append("</code></td>");
      cells(out, r.modulus(), r.weightDecay(), r.trainFraction(), r.seed());
      out.append("<td class=\"l\" title=\"").append(Html.escape(r.message())).append("\">")
          .append(Html.escape(r.status())).append("</td>");
      cells(out, r.stepsRun(), r.tTrainPhase(), r.tTestPhase(),
          r.delay() != null ? r.delay()
              : r.delayLowerBound() != null ? "> " + r.delayLowerBound() : null,
          accuracy(r.finalTrainAcc()), accuracy(r.finalTestAcc()));
      out.append("<td class=\"l\">").append(swatch(r.phase())).append(r.phase().key())
          .append("</td>");
      varied.forEach(s -> out.append("<td>").append(orDash(r.setting(s.key()))).append("</td>"));
      out.append("</tr>\n");
    }
    out.append("</table>\n");
  }

  /** Settings the run table always shows. */
  private static final List<String> TABLE_SETTINGS = List.of(Settings.MODULI,
      Settings.WEIGHT_DECAYS, Settings.TRAIN_FRACTIONS, Settings.SEEDS);

  private static void data(StringBuilder out) {
    out.append("<h2 id=\"data\">Data</h2>\n<p>Everything above is drawn from Parquet tables")
        .append(" in the sweep directory, each partitioned by modulus")
        .append(" (<code>TABLE/modulus=P/…parquet</code>), with typed columns documented in")
        .append(" the README: <code>metrics/</code> (one row per logged step),")
        .append(" <code>results/</code> (one row per committed run),")
        .append(" <code>neurons/</code> (one row per hidden neuron at init and at the end),")
        .append(" <code>spectra/</code> (energy per frequency at every evaluation) and")
        .append(" <code>runs/</code> (this analysis: one row per run with milestones and phase;")
        .append(" also <a href=\"runs.csv\">runs.csv</a>). From the sweep directory:</p>\n<pre>")
        .append("-- DuckDB\nSELECT phase, count(*) FROM read_parquet('runs/**/*.parquet',")
        .append(" hive_partitioning = true) GROUP BY phase;\n")
        .append("# pandas (pyarrow)\nruns = pandas.read_parquet('runs')\n")
        .append("# Spark\nruns = spark.read.parquet('runs')</pre>\n");
  }

  /**
   * {@code k=1:n=13:R=0.13;k=2:…} as {@code 1: 13, 0.13; 2: …}, which wraps in a cell. Later
   * trainers append the harmonics {@code :R2=…:R3=…:R4=…}, shown as {@code 1: 13, 0.13 (R2 …, R3 …,
   * R4 …)}; anything else is shown as written.
   */
  static String majorityVoting(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    return java.util.Arrays.stream(raw.split(";")).map(part -> {
      String[] fields = part.split(":");
      if (fields.length < 3 || !fields[0].startsWith("k=") || !fields[1].startsWith("n=")
          || !fields[2].startsWith("R=")) {
        return part;
      }
      StringBuilder out = new StringBuilder().append(fields[0].substring(2)).append(": ")
          .append(fields[1].substring(2)).append(", ").append(fields[2].substring(2));
      for (int i = 3; i < fields.length; i++) {
        int eq = fields[i].indexOf('=');
        if (eq <= 0) {
          return part;
        }
        out.append(i == 3 ? " (" : ", ").append(fields[i], 0, eq).append(' ')
            .append(fields[i].substring(eq + 1));
      }
      return fields.length > 3 ? out.append(')').toString() : out.toString();
    }).collect(Collectors.joining("; "));
  }

  private static String swatch(Phase phase) {
    return "<span class=\"sw\" style=\"background:" + phase.hexColour() + "\"></span>";
  }

  private static void cells(StringBuilder out, Object... values) {
    for (Object value : values) {
      out.append("<td>").append(orDash(value)).append("</td>");
    }
  }

  private static String orDash(Object value) {
    return value == null ? "—" : Html.escape(value);
  }

  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** An accuracy or rate to three decimals. */
  private static String accuracy(Double value) {
    return value == null ? null : String.format(Locale.ROOT, "%.3f", value);
  }
}
