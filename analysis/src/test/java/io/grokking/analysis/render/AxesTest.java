package io.grokking.analysis.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.analysis.testing.Runs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Diagrams over any two settings: axes, log scales and panels over the other varied settings. */
class AxesTest {
  private static final String LR = "train.learning-rate";
  private static final String OP = "task.operation";
  private static final String WD = "sweep.weight-decays";
  private static final String FRAC = "sweep.train-fractions";

  private static Axis axis(String key, String... values) {
    return Axis.of(key, List.of(values));
  }

  @Test
  void geometricValuesAreALogAxisWithCompactTicks() {
    Axis lr = axis(LR, "3e-3", "1e-4", "0.001", "3e-4");
    assertThat(lr.values()).containsExactly("0.0001", "0.0003", "0.001", "0.003");
    assertThat(lr.geometric()).isTrue();
    assertThat(lr.title()).isEqualTo("learning rate (log scale)");
    assertThat(lr.tickLabels()).containsExactly("1e-4", "3e-4", "1e-3", "3e-3");
    Axis wd = axis(WD, "0.01", "0.1", "1", "10", "100000");
    assertThat(wd.geometric()).isFalse(); // 10 → 1e5 is a much larger step
    assertThat(axis(WD, "0.01", "0.1", "1", "10", "100").tickLabels())
        .containsExactly("0.01", "0.1", "1", "10", "100");
    assertThat(axis(WD, "1e4", "1e5", "1e6").tickLabels()).containsExactly("1e4", "1e5", "1e6");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0,0.3,1,10", "0.3,0.6,0.9", "1e-4,1e-3", "1,-1,0.5", "1,2,4,100"})
  void otherListsAreNotGeometric(String values) {
    Axis a = axis(WD, values.split(","));
    assertThat(a.geometric()).isFalse();
    assertThat(a.title()).isEqualTo("weight decay");
  }

  @Test
  void numbersSortNumericallyOperationsInDeclaredOrderWordsAlphabetically() {
    assertThat(axis(WD, "10", "1.0", "2", "1").values()).containsExactly("1", "2", "10");
    assertThat(axis(OP, "x2+y2", "sub", "div", "add").values())
        .containsExactly("add", "sub", "div", "x2+y2");
    assertThat(axis("train.activation", "relu", "gelu", "tanh").values())
        .containsExactly("gelu", "relu", "tanh");
    assertThat(Axis.name("train.init-scale")).isEqualTo("initialisation scale");
    assertThat(Axis.name("sweep.moduli")).isEqualTo("modulus p");
    assertThat(Axis.name("no.such-key")).isEqualTo("no.such-key");
  }

  private static RunRecord run(int p, double wd, double frac, long seed, String op, Phase phase,
      Integer delay) {
    return Runs.with(Runs.of(p, wd, frac, seed, phase, delay), Map.of(OP, op));
  }

  /** wd × frac × operation over two moduli, two seeds in one cell. */
  private static List<RunRecord> threeAxes() {
    List<RunRecord> runs = new ArrayList<>();
    for (int p : new int[] {7, 11}) {
      for (String op : new String[] {"x2+y2", "add"}) {
        for (double wd : new double[] {0, 1}) {
          for (double frac : new double[] {0.3, 0.5, 0.7}) {
            runs.add(run(p, wd, frac, 1, op, wd == 1 ? Phase.GROKKING : Phase.MEMORIZATION,
                wd == 1 ? 1500 : null));
          }
        }
      }
    }
    runs.add(run(7, 1, 0.5, 2, "add", Phase.COMPREHENSION, 30));
    return runs;
  }

  @Test
  void aThreeAxisGridHasOnePanelPerModulusAndOperation() {
    List<PhaseGrid> grids = PhaseGrids.panels(threeAxes(), WD, FRAC);
    assertThat(grids).map(g -> g.panel().title()).containsExactly(
        "p = 7, operation = add", "p = 7, operation = x2+y2",
        "p = 11, operation = add", "p = 11, operation = x2+y2");
    assertThat(grids).map(g -> g.panel().slug()).containsExactly("p7_operation-add",
        "p7_operation-x2_y2", "p11_operation-add", "p11_operation-x2_y2");
    assertThat(grids).allSatisfy(g -> {
      assertThat(g.cells()).hasSize(6);
      assertThat(g.x().values()).containsExactly("0", "1");
      assertThat(g.y().values()).containsExactly("0.3", "0.5", "0.7");
    });
    assertThat(grids.get(0).runs()).isEqualTo(7);
    assertThat(grids.get(0).cell(1.0, 0.5).agreement()).isEqualTo("1/2");
    assertThat(grids.get(1).runs()).isEqualTo(6);
    assertThat(PhaseDiagram.name(grids.get(1).panel())).isEqualTo("phase-p7_operation-x2_y2");
    assertThat(LearningCurves.Kind.WEIGHT_NORM.name(grids.get(3).panel()))
        .isEqualTo("norm-p11_operation-x2_y2");
    assertThat(PhaseDiagram.chart(grids.get(1), PhaseRule.defaults()).getTitle().getText())
        .isEqualTo("Phase diagram, p = 7, operation = x2+y2");
    assertThat(ModuliSummary.name(grids)).isEqualTo("panels");
    assertThat(ModuliSummary.axisName(grids)).isEqualTo("modulus p × operation");
  }

  @Test
  void operationAcrossLeavesPanelsByModulusAndModulusAcrossLeavesOnePanel() {
    List<PhaseGrid> byOp = PhaseGrids.panels(threeAxes(), OP, FRAC);
    // weight decay still varies, so it makes panels too
    assertThat(byOp).map(g -> g.panel().slug()).containsExactly("p7_weight_decay-0",
        "p7_weight_decay-1", "p11_weight_decay-0", "p11_weight_decay-1");
    assertThat(byOp.get(0).x().values()).containsExactly("add", "x2+y2");

    List<RunRecord> addition = threeAxes().stream()
        .filter(r -> r.setting(OP).equals("add") && r.weightDecay() == 1).toList();
    List<PhaseGrid> one = PhaseGrids.panels(addition, "sweep.moduli", FRAC);
    assertThat(one).singleElement().satisfies(g -> {
      assertThat(g.panel().slug()).isEqualTo("all");
      assertThat(g.panel().title()).isEmpty();
      assertThat(g.x().values()).containsExactly("7", "11");
    });
    assertThat(PhaseDiagram.chart(one.get(0), PhaseRule.defaults()).getTitle().getText())
        .isEqualTo("Phase diagram");
  }

  @Test
  void theDefaultKeepsOnePanelPerModulusNamedAsBefore() {
    List<PhaseGrid> grids = PhaseGrids.panels(List.of(
        Runs.of(23, 1, 0.5, 1, Phase.GROKKING, 1500),
        Runs.of(23, 0, 0.5, 1, Phase.MEMORIZATION, null)), WD, FRAC);
    assertThat(grids).singleElement().satisfies(g -> {
      assertThat(g.panel().title()).isEqualTo("p = 23");
      assertThat(PhaseDiagram.name(g.panel())).isEqualTo("phase-p23");
      assertThat(DelayMap.name(g.panel())).isEqualTo("delay-p23");
      assertThat(LearningCurves.Kind.ACCURACY.name(g.panel())).isEqualTo("curves-p23");
    });
    assertThat(ModuliSummary.name(grids)).isEqualTo("moduli");
    assertThat(ModuliSummary.axisName(grids)).isEqualTo("moduli");
  }

  @Test
  void aLearningRateByWeightDecayDiagramHasALogLearningRateAxis() throws Exception {
    List<RunRecord> runs = new ArrayList<>();
    String[] rates = {"1e-4", "3e-4", "1e-3", "3e-3"};
    for (String lr : rates) {
      for (double wd : new double[] {0, 0.3, 1}) {
        runs.add(Runs.with(Runs.of(13, wd, 0.5, 1, Phase.GROKKING, 1500), Map.of(LR, lr)));
      }
    }
    List<PhaseGrid> grids = PhaseGrids.panels(runs, LR, WD);
    assertThat(grids).singleElement();
    PhaseGrid grid = grids.get(0);
    assertThat(grid.panel().title()).isEqualTo("p = 13"); // fraction does not vary
    JFreeChart chart = PhaseDiagram.chart(grid, PhaseRule.defaults());
    SymbolAxis x = (SymbolAxis) ((XYPlot) chart.getPlot()).getDomainAxis();
    SymbolAxis y = (SymbolAxis) ((XYPlot) chart.getPlot()).getRangeAxis();
    assertThat(x.getLabel()).isEqualTo("learning rate (log scale)");
    assertThat(x.getSymbols()).containsExactly("1e-4", "3e-4", "1e-3", "3e-3");
    assertThat(y.getLabel()).isEqualTo("weight decay");
    assertThat(y.getSymbols()).containsExactly("0", "0.3", "1");
    String svg = new String(LearningCurves.render(LearningCurves.Kind.ACCURACY, grid, runs,
        Map.of(), PhaseRule.defaults()).svg(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(svg).contains("learning rate (log scale)", "3e-4", "weight decay");
    assertThat(grid.cells()).hasSize(12);
  }
}
