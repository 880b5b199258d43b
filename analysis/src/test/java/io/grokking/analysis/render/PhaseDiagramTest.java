package io.grokking.analysis.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.analysis.testing.Runs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYBoxAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class PhaseDiagramTest {
  private static final PhaseRule RULE = PhaseRule.defaults();

  private static Images renderChecked(List<RunRecord> runs) throws Exception {
    PhaseGrid grid = PhaseGrids.grid(runs.get(0).modulus(), runs);
    Images images = PhaseDiagram.render(grid, RULE);

    BufferedImage png = ImageIO.read(new ByteArrayInputStream(images.png()));
    assertThat(png).isNotNull();
    assertThat(png.getWidth()).isEqualTo(PhaseDiagram.size(grid).width);
    assertThat(png.getHeight()).isEqualTo(PhaseDiagram.size(grid).height);

    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    // the SVG names the W3C DTD; tests run offline
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document svg = factory.newDocumentBuilder().parse(new ByteArrayInputStream(images.svg()));
    assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(svg(images)).contains("p = " + grid.modulus());
    return images;
  }

  private static String svg(Images images) {
    return new String(images.svg(), StandardCharsets.UTF_8);
  }

  @Test
  void singleCellGrid() throws Exception {
    Images images = renderChecked(List.of(Runs.of(7, 1.0, 0.5, 1, Phase.GROKKING, 1500)));
    assertThat(svg(images)).contains("1500").doesNotContain("1/1");
  }

  @Test
  void oneTrainingFractionAcrossWeightDecays() throws Exception {
    Images images = renderChecked(List.of(
        Runs.of(13, 0.0, 0.4, 1, Phase.MEMORIZATION, null),
        Runs.of(13, 0.1, 0.4, 1, Phase.COMPREHENSION, 30),
        Runs.of(13, 1.0, 0.4, 1, Phase.GROKKING, 2400)));
    assertThat(svg(images)).contains("2400", "30", "—", "0.1", "0.4");
  }

  @Test
  void disagreeingSeedsShowAgreementAndADashedBorder() throws Exception {
    List<RunRecord> runs = List.of(
        Runs.of(7, 1.0, 0.5, 1, Phase.GROKKING, 1500),
        Runs.of(7, 1.0, 0.5, 2, Phase.COMPREHENSION, 700),
        Runs.of(7, 1.0, 0.5, 3, Phase.GROKKING, 1100),
        Runs.of(7, 0.0, 0.5, 1, Phase.MEMORIZATION, null),
        Runs.of(7, 0.0, 0.5, 2, Phase.MEMORIZATION, null));
    Images images = renderChecked(runs);
    assertThat(svg(images)).contains("2/3", "2/2", "1100", "seeds disagree");

    JFreeChart chart = PhaseDiagram.chart(PhaseGrids.grid(7, runs), RULE);
    List<?> annotations = ((XYPlot) chart.getPlot()).getAnnotations();
    // one white frame per cell, one dashed border for the disagreeing cell
    assertThat(annotations).filteredOn(XYBoxAnnotation.class::isInstance).hasSize(2 + 1);
    assertThat(annotations).filteredOn(XYTextAnnotation.class::isInstance)
        .map(a -> ((XYTextAnnotation) a).getText())
        .containsExactlyInAnyOrder("1100", "2/3", "—", "2/2");
  }

  @Test
  void censoredAndFailedRunsRenderWithoutDelay() throws Exception {
    Images images = renderChecked(List.of(
        Runs.of(11, 0.0, 0.3, 1, Phase.MEMORIZATION, null),
        Runs.of(11, 0.0, 0.6, 1, Phase.CONFUSION, null),
        Runs.of(11, 1.0, 0.3, 1, Phase.FAILED, null),
        Runs.of(11, 1.0, 0.6, 1, Phase.COMPREHENSION, null)));
    assertThat(svg(images)).contains("—", "failed", "confusion");
  }

  @Test
  void legendListsTheFourPhasesAndFailedOnlyWhenShown() {
    JFreeChart clean = PhaseDiagram.chart(
        PhaseGrids.grid(7, List.of(Runs.of(7, 1, 0.5, 1, Phase.GROKKING, 1500))), RULE);
    assertThat(labels(clean))
        .containsExactly("comprehension", "grokking", "memorization", "confusion");
    JFreeChart withFailure = PhaseDiagram.chart(
        PhaseGrids.grid(7, List.of(Runs.of(7, 1, 0.5, 1, Phase.FAILED, null))), RULE);
    assertThat(labels(withFailure)).contains("failed");
  }

  private static List<String> labels(JFreeChart chart) {
    var items = chart.getPlot().getLegendItems();
    return java.util.stream.IntStream.range(0, items.getItemCount())
        .mapToObj(i -> items.get(i).getLabel()).toList();
  }

  @Test
  void chartIsTitledWithTheModulusAndStatesTheRule() {
    JFreeChart chart = PhaseDiagram.chart(
        PhaseGrids.grid(23, List.of(Runs.of(23, 1, 0.5, 1, Phase.GROKKING, 1500))), RULE);
    assertThat(chart.getTitle().getText()).isEqualTo("Phase diagram, p = 23");
    // subtitle 0 is the legend
    assertThat(((TextTitle) chart.getSubtitle(1)).getText())
        .contains("accuracy ≥ 0.9", "≥ 1000 steps");
  }
}
