package io.grokking.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.analysis.render.PhaseGrids;
import io.grokking.analysis.testing.Runs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final List<RunRecord> RUNS = List.of(
      Runs.of(7, 1.0, 0.5, 1, Phase.GROKKING, 1500),
      Runs.of(7, 0.0, 0.5, 1, Phase.FAILED, null),
      Runs.of(13, 1.0, 0.5, 1, Phase.COMPREHENSION, 20));

  private static String render(PhaseRule rule, List<RunRecord> runs) {
    return new String(HtmlReport.render("hdfs://nn/sweeps/a&b", rule, runs,
        PhaseGrids.byModulus(runs), ShownRun.select(runs, List.of(), "--runs"),
        Instant.parse("2025-01-02T03:04:05Z")), StandardCharsets.UTF_8);
  }

  @Test
  void oneCaptionedFigurePerModulusStatingTheRule() {
    String html = render(new PhaseRule(0.95, 500), RUNS);
    assertThat(html).contains("<img src=\"phase-p7.png\"", "<img src=\"phase-p13.png\"",
        "href=\"phase-p13.svg\"", "<figcaption>Phase of a+b mod 7",
        "(threshold 0.95, gap 500 steps)", "2025-01-02T03:04:05Z");
    assertThat(html.indexOf("phase-p7.png")).isLessThan(html.indexOf("phase-p13.png"));
  }

  @Test
  void selfContainedAndEscaped() {
    String html = render(PhaseRule.defaults(), RUNS);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "href=\"runs.csv\"",
        "hdfs://nn/sweeps/a&amp;b", "boom &lt;b&gt;");
    assertThat(html).doesNotContain("<script", "http://", "https://", "<link", "boom <b>");
  }

  @Test
  void summaryCountsEveryPhasePerModulusAndInAll() {
    String html = render(PhaseRule.defaults(), RUNS);
    String summary = html.substring(html.indexOf("Runs per phase</h2>"),
        html.indexOf("<h2 id=\"moduli\""));
    assertThat(summary).contains("<th>p = 7</th><th>p = 13</th><th>all</th>");
    assertThat(summary).contains("grokking</td><td>1</td><td>0</td><td>1</td>",
        "comprehension</td><td>0</td><td>1</td><td>1</td>",
        "failed</td><td>1</td><td>0</td><td>1</td>",
        "memorization</td><td>0</td><td>0</td><td>0</td>");
  }

  @Test
  void everyFigureOfEveryModulusAndShownRunHasACaptionStatingTheRule() {
    String html = render(new PhaseRule(0.95, 2000), RUNS);
    List<String> names = List.of("moduli", "phase-p7", "delay-p7", "curves-p7", "norm-p7",
        "phase-p13", "delay-p13", "curves-p13", "norm-p13",
        "run-" + RUNS.get(0).runId(), "run-" + RUNS.get(2).runId());
    for (String name : names) {
      int img = html.indexOf("<img src=\"" + name + ".png\"");
      assertThat(img).as(name).isPositive();
      String figure = html.substring(img, html.indexOf("</figure>", img));
      assertThat(figure).as(name).contains("<figcaption>", "threshold 0.95, gap 2000 steps",
          "href=\"" + name + ".svg\"");
    }
    assertThat(html.split("<img ", -1)).hasSize(names.size() + 1);
  }

  @Test
  void censoredDelaysShowTheirBoundAndMechanismsTheirMeasures() {
    List<RunRecord> runs = List.of(Runs.of(7, 0.0, 0.5, 1, Phase.MEMORIZATION, null));
    String html = render(PhaseRule.defaults(), runs);
    assertThat(html).contains("<td>&gt; " + (Runs.LAST_STEP - 400) + "</td>",
        "<td>0.500</td><td>0.125</td><td>4.0×</td><td class=\"l\">1,3</td>",
        "1: 9, 0.10; 3: 7, 0.20", "href=\"#run-" + runs.get(0).runId() + "\"");
  }

  @Test
  void majorityVotingReadsAsAListAndKeepsWhatItCannotParse() {
    assertThat(HtmlReport.majorityVoting("k=1:n=13:R=0.13;k=2:n=9:R=0.05"))
        .isEqualTo("1: 13, 0.13; 2: 9, 0.05");
    assertThat(HtmlReport.majorityVoting("k=4:n=7:R=0.00:R2=0.12:R3=0.30:R4=1.00;k=9:n=0:R=NaN"))
        .isEqualTo("4: 7, 0.00 (R2 0.12, R3 0.30, R4 1.00); 9: 0, NaN");
    assertThat(HtmlReport.majorityVoting("k=4:n=7:R=0.00:junk")).isEqualTo("k=4:n=7:R=0.00:junk");
    assertThat(HtmlReport.majorityVoting("odd")).isEqualTo("odd");
    assertThat(HtmlReport.majorityVoting(null)).isNull();
  }

  @Test
  void runTableListsRunsAndGivesWayToTheCsvLinkWhenLarge() {
    String small = render(PhaseRule.defaults(), RUNS);
    assertThat(small).contains("<code>" + RUNS.get(0).runId() + "</code>", "1500");
    List<RunRecord> many = java.util.stream.IntStream.rangeClosed(0, HtmlReport.MAX_TABLE_ROWS)
        .mapToObj(i -> Runs.of(7, 1.0, 0.5, i, Phase.GROKKING, 1500)).toList();
    String large = render(PhaseRule.defaults(), many);
    assertThat(large).contains("too many to list", "href=\"runs.csv\"")
        .doesNotContain("<table class=\"runs\">");
  }

  @Test
  void aPartialReportOpensWithItsBannerAndReloadsItselfTheCompleteOneDoesNot() {
    Instant at = Instant.parse("2025-01-02T03:04:05Z");
    List<ShownRun> shown = ShownRun.select(RUNS, List.of(), "--runs");
    String complete = render(PhaseRule.defaults(), RUNS);
    String partial = new String(HtmlReport.render("hdfs://nn/sweeps/a&b", PhaseRule.defaults(),
        RUNS, List.copyOf(PhaseGrids.byModulus(RUNS).values()), shown, at,
        List.of(), Map.of(), new HtmlReport.Partial(3, 8)), StandardCharsets.UTF_8);

    String clock = DateTimeFormatter.ofPattern("HH:mm").format(at.atZone(ZoneId.systemDefault()));
    assertThat(partial).contains("<meta http-equiv=\"refresh\" content=\"30\">",
        "<div id=\"partial\" class=\"warn\"><p><strong>partial: 3 of 8 runs committed,"
            + " refreshed " + clock + "</strong>");
    assertThat(partial.indexOf("id=\"partial\"")).isLessThan(partial.indexOf("<p>Sweep"));
    assertThat(complete).doesNotContain("partial", "http-equiv");
    assertThat(partial.replace("<meta http-equiv=\"refresh\" content=\"30\">\n", "")
        .replaceFirst("<div id=\"partial\".*</div>\n", "")).isEqualTo(complete);
  }
}
