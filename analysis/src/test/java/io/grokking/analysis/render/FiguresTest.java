package io.grokking.analysis.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.analysis.series.NeuronFrequencies;
import io.grokking.analysis.series.RunCurves;
import io.grokking.analysis.series.RunRepresentations;
import io.grokking.analysis.series.RunSpectrum;
import io.grokking.analysis.series.Series;
import io.grokking.analysis.testing.Runs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The figures beyond the phase diagram, on hand-made runs: each renders to a valid PNG and SVG. */
class FiguresTest {
  private static final PhaseRule RULE = new PhaseRule(0.95, 2000);

  /** Decodes both formats, checks the PNG's size, returns the SVG text. */
  private static String checked(Images images, int width, int height) throws Exception {
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(images.png()));
    assertThat(png).isNotNull();
    assertThat(png.getWidth()).isEqualTo(width);
    assertThat(png.getHeight()).isEqualTo(height);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document svg = factory.newDocumentBuilder().parse(new ByteArrayInputStream(images.svg()));
    assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
    return new String(images.svg(), StandardCharsets.UTF_8);
  }

  private static RunCurves curves(RunRecord run, int jump) {
    int[] steps = {0, 10, 100, 1000, 2990};
    double[] train = {0.1, 0.5, 1, 1, 1};
    double[] test = new double[steps.length];
    for (int i = 0; i < steps.length; i++) {
      test[i] = steps[i] >= jump ? 0.99 : 0.1;
    }
    Series norm = new Series(steps, new double[] {5, 20, 40, 30, 12});
    return new RunCurves(run.runId(), new Series(steps, train), new Series(steps, test), norm,
        new Series(steps, new double[] {0.1, 0.2, 0.4, 0.8, 0.9}),
        new Series(steps, new double[] {3, 2, 1, 1e-3, 1e-5}),
        new Series(steps, new double[] {3, 3, 3, 3, 3}),
        new Series(steps, new double[] {3, 1, 0.1, 1e-3, 1e-4}),
        new Series(steps, new double[] {3, 4, 5, 1, 1e-2}));
  }

  @Test
  void delayMapHatchesAndBoundsCensoredCellsAndStatesTheThreshold() throws Exception {
    List<RunRecord> runs = List.of(
        Runs.of(7, 0.0, 0.5, 1, Phase.MEMORIZATION, null),
        Runs.of(7, 1.0, 0.5, 1, Phase.GROKKING, 1500),
        Runs.of(7, 1.0, 0.5, 2, Phase.GROKKING, 2500),
        Runs.of(7, 1.0, 0.5, 3, Phase.MEMORIZATION, null),
        Runs.of(7, 1.0, 0.7, 1, Phase.CONFUSION, null));
    PhaseGrid grid = PhaseGrids.grid(7, runs);
    JFreeChart chart = DelayMap.chart(grid, runs, RULE, 3000);
    List<?> annotations = ((XYPlot) chart.getPlot()).getAnnotations();
    assertThat(annotations).filteredOn(XYTextAnnotation.class::isInstance)
        .map(a -> ((XYTextAnnotation) a).getText())
        // memorization: censored at 2990 − 400; the 3-seed cell: median 2500 of 1500, 2500, >2590
        .containsExactlyInAnyOrder("> 2590", "memorization", "2500", "grokking 2/3", "—",
            "confusion");
    // one hatch of seven lines, in the censored cell only
    assertThat(annotations).filteredOn(XYLineAnnotation.class::isInstance).hasSize(7);
    assertThat(((TextTitle) chart.getSubtitle(1)).getText()).contains("accuracy ≥ 0.95");

    String svg = checked(DelayMap.render(grid, runs, RULE, 3000),
        PhaseDiagram.size(grid).width + 90, PhaseDiagram.size(grid).height);
    assertThat(svg).contains("Grokking delay, p = 7", "&gt; 2590");
  }

  @Test
  void delayCellIsTheLowerMedianWithCensoredSeedsLast() {
    var observed = Runs.of(7, 1, 0.5, 1, Phase.GROKKING, 1500);
    var censored = Runs.of(7, 1, 0.5, 2, Phase.MEMORIZATION, null);
    var confused = Runs.of(7, 1, 0.5, 3, Phase.CONFUSION, null);
    assertThat(DelayCell.of(List.of(censored, observed)))
        .isEqualTo(new DelayCell(1500, false, 2));
    assertThat(DelayCell.of(List.of(censored, censored, observed)))
        .isEqualTo(new DelayCell(2590, true, 3));
    assertThat(DelayCell.of(List.of(confused))).isEqualTo(new DelayCell(null, false, 0));
    assertThat(new DelayCell(2590, true, 1).label()).isEqualTo("> 2590");
    assertThat(new DelayCell(null, false, 0).label()).isEqualTo("—");
    // a test milestone before the train one: a negative delay is still a delay
    assertThat(DelayCell.of(List.of(Runs.of(7, 1, 0.5, 1, Phase.COMPREHENSION, -40))).label())
        .isEqualTo("-40");
  }

  @Test
  void learningCurvesHaveOnePanelPerCellWithHolesAndOneLinePairPerSeed() throws Exception {
    List<RunRecord> runs = List.of(
        Runs.of(7, 0.0, 0.3, 1, Phase.MEMORIZATION, null),
        Runs.of(7, 1.0, 0.3, 1, Phase.GROKKING, 1500),
        Runs.of(7, 1.0, 0.3, 2, Phase.GROKKING, 1600),
        Runs.of(7, 1.0, 0.7, 1, Phase.COMPREHENSION, 30),
        Runs.of(7, 1.0, 0.7, 2, Phase.FAILED, null));
    Map<String, RunCurves> curves = new HashMap<>();
    runs.stream().filter(r -> r.phase() != Phase.FAILED)
        .forEach(r -> curves.put(r.runId(), curves(r, 1000)));
    PhaseGrid grid = PhaseGrids.grid(7, runs);
    for (LearningCurves.Kind kind : LearningCurves.Kind.values()) {
      SmallMultiples figure = LearningCurves.figure(kind, grid, runs, curves, RULE);
      Images images = LearningCurves.render(kind, grid, runs, curves, RULE);
      assertThat(images.name()).isEqualTo(kind == LearningCurves.Kind.ACCURACY
          ? "curves-p7" : "norm-p7");
      String svg = checked(images, figure.size().width, figure.size().height);
      // (0, 0.7) has no run; headers name both hyperparameters; the rule is stated
      assertThat(svg).contains("no run", "weight decay", "training fraction", "≥ 0.95",
          "2000 steps", "one line per seed");
    }
  }

  @Test
  void singleCellAndSingleFractionGridsRender() throws Exception {
    List<RunRecord> single = List.of(Runs.of(11, 1.0, 0.5, 1, Phase.GROKKING, 1500));
    Map<String, RunCurves> curves = Map.of(single.get(0).runId(), curves(single.get(0), 1900));
    PhaseGrid one = PhaseGrids.grid(11, single);
    SmallMultiples figure = LearningCurves.figure(LearningCurves.Kind.ACCURACY, one, single,
        curves, RULE);
    checked(LearningCurves.render(LearningCurves.Kind.ACCURACY, one, single, curves, RULE),
        figure.size().width, figure.size().height);
    checked(DelayMap.render(one, single, RULE, 3000), PhaseDiagram.size(one).width + 90,
        PhaseDiagram.size(one).height);

    List<RunRecord> row = List.of(Runs.of(13, 0.0, 0.4, 1, Phase.MEMORIZATION, null),
        Runs.of(13, 0.1, 0.4, 1, Phase.COMPREHENSION, 30));
    PhaseGrid flat = PhaseGrids.grid(13, row);
    // no curves at all: empty panels, still a figure
    SmallMultiples empty = LearningCurves.figure(LearningCurves.Kind.WEIGHT_NORM, flat, row,
        Map.of(), RULE);
    checked(LearningCurves.render(LearningCurves.Kind.WEIGHT_NORM, flat, row, Map.of(), RULE),
        empty.size().width, empty.size().height);
  }

  @Test
  void moduliSummaryFindsTheSmallestGeneralizingFractionPerWeightDecay() throws Exception {
    var grids = PhaseGrids.byModulus(List.of(
        Runs.of(7, 1.0, 0.3, 1, Phase.MEMORIZATION, null),
        Runs.of(7, 1.0, 0.5, 1, Phase.GROKKING, 1500),
        Runs.of(7, 1.0, 0.7, 1, Phase.COMPREHENSION, 30),
        Runs.of(7, 0.0, 0.7, 1, Phase.MEMORIZATION, null),
        Runs.of(11, 1.0, 0.3, 1, Phase.GROKKING, 2000),
        Runs.of(11, 0.0, 0.3, 1, Phase.COMPREHENSION, 100)));
    var critical = ModuliSummary.criticalFraction(grids);
    assertThat(critical).containsOnlyKeys(0.0, 1.0);
    assertThat(critical.get(1.0)).isEqualTo(new TreeMap<>(Map.of(7, 0.5, 11, 0.3)));
    // at p = 7 no fraction of weight decay 0 generalizes: no point
    assertThat(critical.get(0.0)).isEqualTo(new TreeMap<>(Map.of(11, 0.3)));

    SmallMultiples figure = ModuliSummary.figure(grids, RULE);
    String svg = checked(ModuliSummary.render(grids, RULE), figure.size().width,
        figure.size().height);
    assertThat(svg).contains("p = 7", "p = 11", "wd 1", "grokking", "≥ 2000 steps");
  }

  @Test
  void runFigureShowsItsFourPanelsOrSaysWhatIsMissing() throws Exception {
    RunRecord run = Runs.of(7, 1.0, 0.5, 1, Phase.GROKKING, 1500);
    RunSpectrum spectrum = new RunSpectrum(run.runId(), new int[] {0, 100, 200},
        new double[][] {{1, 1, 1, 1}, {1, 5, 1, 1}, {0, 9, 0, 1}});
    assertThat(spectrum.share(2, 1)).isEqualTo(0.9);
    NeuronFrequencies neurons = new NeuronFrequencies(run.runId(), new int[] {0, 5, 6, 5},
        new int[] {0, 12, 2, 2});
    SmallMultiples full = RunFigure.figure(run, curves(run, 1900), spectrum, neurons, RULE,
        "representative of grokking");
    String svg = checked(RunFigure.render(run, curves(run, 1900), spectrum, neurons, RULE,
        "representative of grokking"), full.size().width, full.size().height);
    assertThat(svg).contains("(a) W_in spectrum", "(b) neurons per dominant frequency",
        "(c) accuracy", "(d) IPR", "t_train 400", "t_test 1900", "restricted loss",
        "lottery ticket hit rate 0.50 (chance 0.13)", "key frequencies 1,3", "(representative)");

    RunRecord failed = Runs.of(7, 0.0, 0.5, 1, Phase.FAILED, null);
    SmallMultiples bare = RunFigure.figure(failed, RunCurves.empty(failed.runId()), null, null,
        RULE, "named");
    String empty = checked(RunFigure.render(failed, RunCurves.empty(failed.runId()), null, null,
        RULE, "named"), bare.size().width, bare.size().height);
    assertThat(empty).contains("no spectra recorded", "no neurons recorded",
        "lottery ticket not measured", "failed (named)");
    assertThat(RunFigure.name("a/b c")).isEqualTo("run-a_b_c");
  }

  /** A group run's figure shows the unembedding's shares per irrep in (a), the key ones named. */
  @Test
  void aRunWithRepresentationsShowsTheirSharesInsteadOfTheSpectrum() throws Exception {
    RunRecord run = Runs.of(7, 1.0, 0.5, 1, Phase.GROKKING, 1500);
    RunRepresentations reps = new RunRepresentations(run.runId(), new int[] {0, 100, 200},
        List.of("(3)", "(2,1)", "(1,1,1)"),
        new double[][] {{0.3, 0.4, 0.3}, {0.2, 0.6, 0.2}, {0.05, 0.9, 0.05}},
        new boolean[][] {{false, false, false}, {false, true, false}, {false, true, false}});
    RunSpectrum spectrum = new RunSpectrum(run.runId(), new int[] {0, 100},
        new double[][] {{1, 1, 1, 1}, {1, 5, 1, 1}});
    SmallMultiples figure = RunFigure.figure(run, curves(run, 1900), spectrum, reps, null, RULE,
        "named");
    String svg = checked(RunFigure.render(run, curves(run, 1900), spectrum, reps, null, RULE,
        "named"), figure.size().width, figure.size().height);
    assertThat(svg).contains("(a) unembedding: share per irrep", "(2,1) (key)", "(1,1,1)",
        "(c) accuracy").doesNotContain("spectrum: share of energy", "(3) (key)");

    // without representations the same run shows its spectrum, as every modular run does
    String plain = checked(RunFigure.render(run, curves(run, 1900), spectrum, null, null, RULE,
        "named"), figure.size().width, figure.size().height);
    assertThat(plain).contains("spectrum: share of energy").doesNotContain("share per irrep");
  }
}
