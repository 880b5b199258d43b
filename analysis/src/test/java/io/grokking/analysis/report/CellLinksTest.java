package io.grokking.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.analysis.render.PhaseDiagram;
import io.grokking.analysis.render.PhaseGrid;
import io.grokking.analysis.render.PhaseGrids;
import io.grokking.analysis.testing.Runs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** index.html links every cell of every phase diagram to the list of its runs, without script. */
class CellLinksTest {
  private static final Pattern AREA = Pattern.compile(
      "<area shape=\"rect\" coords=\"(\\d+),(\\d+),(\\d+),(\\d+)\" href=\"#([^\"]+)\"");
  private static final PhaseRule RULE = PhaseRule.defaults();

  private static List<RunRecord> runs() {
    List<RunRecord> runs = new ArrayList<>();
    for (String op : new String[] {"add", "sub"}) {
      for (double wd : new double[] {0, 0.1, 1}) {
        for (double frac : new double[] {0.3, 0.7}) {
          Phase phase = wd == 0 ? Phase.MEMORIZATION : frac < 0.5 ? Phase.GROKKING
              : Phase.COMPREHENSION;
          Integer delay = wd == 0 ? null : frac < 0.5 ? 1500 : 20;
          for (long seed = 1; seed <= 2; seed++) {
            runs.add(Runs.with(Runs.of(7, wd, frac, seed, phase, delay),
                Map.of("task.operation", op)));
          }
        }
      }
    }
    return runs;
  }

  @Test
  void everyCellHasAnAreaLinkingToTheListOfItsRuns() throws Exception {
    List<RunRecord> runs = runs();
    List<PhaseGrid> grids = PhaseGrids.panels(runs, "sweep.weight-decays",
        "sweep.train-fractions");
    String html = new String(HtmlReport.render("/sweeps/ops", RULE, runs, grids,
        ShownRun.select(runs, List.of(), "--runs"), Instant.EPOCH), StandardCharsets.UTF_8);
    assertThat(html).contains("<h1>Grokking sweep report: modular addition, subtraction</h1>",
        "<h2 id=\"panels\">Across operation</h2>", "<img src=\"panels.png\"",
        "<figcaption>Phase of a−b mod 7 for each weight decay (across) and training fraction")
        .doesNotContain("<script");

    for (PhaseGrid grid : grids) {
      String name = PhaseDiagram.name(grid.panel());
      assertThat(html).contains("<img src=\"" + name + ".png\" alt=\"Phase diagram for "
          + grid.panel().title() + "\" usemap=\"#map-" + name + "\"");
      int mapStart = html.indexOf("<map name=\"map-" + name + "\">");
      String map = html.substring(mapStart, html.indexOf("</map>", mapStart));
      BufferedImage png = ImageIO.read(new ByteArrayInputStream(
          PhaseDiagram.render(grid, RULE).png()));

      Matcher area = AREA.matcher(map);
      int areas = 0;
      while (area.find()) {
        areas++;
        int x0 = Integer.parseInt(area.group(1));
        int y0 = Integer.parseInt(area.group(2));
        int x1 = Integer.parseInt(area.group(3));
        int y1 = Integer.parseInt(area.group(4));
        assertThat(x1).isGreaterThan(x0 + 20).isLessThanOrEqualTo(png.getWidth());
        assertThat(y1).isGreaterThan(y0 + 20).isLessThanOrEqualTo(png.getHeight());
        // the cell's target lists its runs: the row with that id
        String id = area.group(5);
        int row = html.indexOf("<tr id=\"" + id + "\">");
        assertThat(row).as(id).isPositive();
        String listed = html.substring(row, html.indexOf("</tr>", row));
        PhaseGrid.Key key = grid.cells().keySet().stream()
            .filter(k -> HtmlReport.cellId(grid, k).equals(id)).findFirst().orElseThrow();
        List<RunRecord> members = grid.runsOf(key);
        assertThat(members).hasSize(2);
        members.forEach(r -> assertThat(listed).contains("<code>" + r.runId() + "</code>",
            "seed " + r.seed()));
        // and the rectangle lies over that cell: a quarter in from its corner is its colour
        int rgb = png.getRGB(x0 + (x1 - x0) / 4, y0 + (y1 - y0) / 4) & 0xFFFFFF;
        assertThat(rgb).as(id).isEqualTo(grid.cells().get(key).phase().colour().getRGB()
            & 0xFFFFFF);
      }
      assertThat(areas).isEqualTo(grid.cells().size()).isEqualTo(6);
    }
  }

  @Test
  void theDefaultPageKeepsItsSectionsAndNamesAddition() {
    List<RunRecord> runs = List.of(Runs.of(7, 1.0, 0.5, 1, Phase.GROKKING, 1500));
    String html = new String(HtmlReport.render("/s", RULE, runs,
        PhaseGrids.byModulus(runs), List.of(), Instant.EPOCH), StandardCharsets.UTF_8);
    assertThat(html).contains("<h1>Grokking sweep report: modular addition</h1>",
        "<h2 id=\"moduli\">Across moduli</h2>", "<h2 id=\"p7\">p = 7</h2>",
        "href=\"#cell-p7-0-0\"", "<tr id=\"cell-p7-0-0\">");
  }

  @Test
  void captionsNameTheRatioRule() {
    List<RunRecord> runs = List.of(Runs.of(7, 1.0, 0.5, 1, Phase.GROKKING, 1500));
    String html = new String(HtmlReport.render("/s", PhaseRule.ratio(0.9, 3), runs,
        PhaseGrids.byModulus(runs), List.of(), Instant.EPOCH), StandardCharsets.UTF_8);
    int img = html.indexOf("<img src=\"phase-p7.png\"");
    assertThat(html.substring(img, html.indexOf("</figure>", img)))
        .contains("grokking when t_test ≥ 3 × t_train (threshold 0.9, ratio 3)");
    assertThat(html).contains("Doshi et al. 2023");
  }
}
