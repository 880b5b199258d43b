package io.grokking.analysis.report;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.analysis.render.DiagramImages;
import io.grokking.analysis.render.PhaseGrid;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * {@code report/index.html}: one page with no script and no network access, its CSS inline and
 * its images (the PNGs beside it, the SVGs linked) referenced by relative name, so the report
 * directory can be copied anywhere and opened from disk.
 */
public final class HtmlReport {
  /** File name inside {@code DIR/report}. */
  public static final String FILE_NAME = "index.html";
  /** Above this many runs the page links runs.csv instead of listing every run. */
  static final int MAX_TABLE_ROWS = 2000;

  private static final String CSS = """
      body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1100px;
      margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
      h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ddd}
      figure{margin:1.5em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
      figcaption{font-size:.92em;color:#444;max-width:60em}
      table{border-collapse:collapse;font-size:.85em;margin:1em 0}
      th,td{border:1px solid #ddd;padding:.25em .55em;text-align:right}
      th{background:#f4f4f4}td.l,th.l{text-align:left}
      .sw{display:inline-block;width:.9em;height:.9em;margin-right:.4em;vertical-align:-.1em;
      border:1px solid #0003}.runs{max-height:40em;overflow:auto;display:block}
      code{font-size:.95em}
      """;

  private HtmlReport() {}

  /**
   * The page as UTF-8 bytes.
   *
   * @param sweepDir    the sweep's output directory, shown as provenance
   * @param runs        every classified run, in table order
   * @param grids       one grid per modulus, whose images are named by {@link DiagramImages}
   * @param generatedAt when the analysis ran
   */
  public static byte[] render(String sweepDir, PhaseRule rule, List<RunRecord> runs,
      SortedMap<Integer, PhaseGrid> grids, Instant generatedAt) {
    StringBuilder out = new StringBuilder(8192);
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Grokking phase diagrams</title>\n<style>").append(CSS)
        .append("</style></head><body>\n<h1>Grokking phase diagrams: modular addition</h1>\n")
        .append("<p>Sweep <code>").append(Html.escape(sweepDir)).append("</code>: ")
        .append(runs.size()).append(" committed runs over ").append(grids.size())
        .append(grids.size() == 1 ? " modulus" : " moduli").append(". Generated ")
        .append(Html.escape(generatedAt)).append(".</p>\n");
    rule(out, rule);
    summary(out, runs, grids);
    for (PhaseGrid grid : grids.values()) {
      figure(out, grid, rule);
    }
    runTable(out, runs);
    out.append("</body></html>\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void rule(StringBuilder out, PhaseRule rule) {
    out.append("<h2>Phase rule</h2>\n<p>After Liu et al. 2022, <i>Towards Understanding")
        .append(" Grokking: An Effective Theory of Representation Learning</i>. A run's milestone")
        .append(" t<sub>train</sub> (t<sub>test</sub>) is the first step at which train (evaluated")
        .append(" test) accuracy reaches <b>").append(rule.threshold()).append("</b>.")
        .append(" <b>Comprehension</b>: test reached and")
        .append(" t<sub>test</sub> − t<sub>train</sub> &lt; ")
        .append(rule.gap()).append(" steps (or test reached without train).")
        .append(" <b>Grokking</b>: both reached and t<sub>test</sub> − t<sub>train</sub> ≥ ")
        .append(rule.gap()).append(" steps. <b>Memorization</b>: only train reached.")
        .append(" <b>Confusion</b>: neither reached within the run's steps.")
        .append(" <b>Failed</b>: the run threw and recorded no metrics.</p>\n");
  }

  private static void summary(StringBuilder out, List<RunRecord> runs,
      SortedMap<Integer, PhaseGrid> grids) {
    out.append("<h2>Runs per phase</h2>\n<table><tr><th class=\"l\">phase</th>");
    grids.keySet().forEach(p -> out.append("<th>p = ").append(p).append("</th>"));
    out.append("<th>all</th></tr>\n");
    Map<Phase, Long> total = RunRecord.countByPhase(runs);
    for (Phase phase : Phase.values()) {
      out.append("<tr><td class=\"l\"><span class=\"sw\" style=\"background:")
          .append(phase.hexColour()).append("\"></span>").append(phase.key()).append("</td>");
      for (int modulus : grids.keySet()) {
        out.append("<td>").append(RunRecord.countByPhase(
            runs.stream().filter(r -> r.modulus() == modulus).toList()).get(phase)).append("</td>");
      }
      out.append("<td>").append(total.get(phase)).append("</td></tr>\n");
    }
    out.append("</table>\n");
  }

  private static void figure(StringBuilder out, PhaseGrid grid, PhaseRule rule) {
    int p = grid.modulus();
    String png = DiagramImages.pngName(p);
    out.append("<h2>p = ").append(p).append("</h2>\n<figure><img src=\"").append(png)
        .append("\" alt=\"Phase diagram for p = ").append(p).append("\">\n<figcaption>")
        .append(String.format(Locale.ROOT, "Phase of a+b mod %d for each weight decay"
            + " (across) and training fraction (up), %s in %s. Colour: the majority"
            + " phase of the cell's seeds under the rule above (threshold %s, gap %d steps)."
            + " Number: t<sub>test</sub> − t<sub>train</sub> in steps at that threshold, median"
            + " over the majority's runs, — when a milestone was not reached. With several"
            + " seeds, k/n counts the seeds in the majority phase; a dashed border marks a cell"
            + " whose seeds disagree or failed.",
            p, count(grid.runs(), "run"), count(grid.cells().size(), "cell"), rule.threshold(),
            rule.gap()))
        .append(" Vector version: <a href=\"").append(DiagramImages.svgName(p)).append("\">")
        .append(DiagramImages.svgName(p)).append("</a>.</figcaption></figure>\n");
  }

  private static void runTable(StringBuilder out, List<RunRecord> runs) {
    out.append("<h2>Runs</h2>\n<p>Every column of every run: <a href=\"runs.csv\">runs.csv</a>")
        .append(" (and Parquet under <code>runs/</code>).</p>\n");
    if (runs.size() > MAX_TABLE_ROWS) {
      out.append("<p>").append(runs.size()).append(" runs are too many to list here.</p>\n");
      return;
    }
    out.append("<table class=\"runs\"><tr><th class=\"l\">run_id</th><th>p</th>")
        .append("<th>weight decay</th><th>train fraction</th><th>seed</th>")
        .append("<th class=\"l\">status</th><th>steps</th><th>t<sub>train</sub></th>")
        .append("<th>t<sub>test</sub></th><th>delay</th><th>final train acc</th>")
        .append("<th>final test acc</th><th class=\"l\">phase</th></tr>\n");
    for (RunRecord r : runs) {
      out.append("<tr><td class=\"l\"><code>").append(Html.escape(r.runId()))
          .append("</code></td>");
      cells(out, r.modulus(), r.weightDecay(), r.trainFraction(), r.seed());
      out.append("<td class=\"l\" title=\"").append(Html.escape(r.message())).append("\">")
          .append(Html.escape(r.status())).append("</td>");
      cells(out, r.stepsRun(), r.tTrainPhase(), r.tTestPhase(), r.delay(),
          accuracy(r.finalTrainAcc()), accuracy(r.finalTestAcc()));
      out.append("<td class=\"l\"><span class=\"sw\" style=\"background:")
          .append(r.phase().hexColour()).append("\"></span>").append(r.phase().key())
          .append("</td></tr>\n");
    }
    out.append("</table>\n");
  }

  private static void cells(StringBuilder out, Object... values) {
    for (Object value : values) {
      out.append("<td>").append(value == null ? "—" : Html.escape(value)).append("</td>");
    }
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String accuracy(Double value) {
    return value == null ? null : String.format(Locale.ROOT, "%.3f", value);
  }
}
