package io.grokking.analysis.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokking.analysis.phase.Phase;
import io.grokking.analysis.testing.Runs;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseGridsTest {
  @Test
  void majorityOfDisagreeingSeedsWithAgreementAndLowerMedianDelay() {
    PhaseCell cell = PhaseGrids.cell(List.of(
        Runs.of(7, 1, 0.5, 1, Phase.GROKKING, 1500),
        Runs.of(7, 1, 0.5, 2, Phase.COMPREHENSION, 100),
        Runs.of(7, 1, 0.5, 3, Phase.GROKKING, 1200)));
    assertThat(cell.phase()).isEqualTo(Phase.GROKKING);
    assertThat(cell.agreement()).isEqualTo("2/3");
    assertThat(cell.disagrees()).isTrue();
    // the comprehension run's 100 does not count: only the majority's delays
    assertThat(cell.delay()).isEqualTo(1200);
  }

  @Test
  void unanimousSeedsAgree() {
    PhaseCell cell = PhaseGrids.cell(List.of(
        Runs.of(7, 1, 0.5, 1, Phase.MEMORIZATION, null),
        Runs.of(7, 1, 0.5, 2, Phase.MEMORIZATION, null)));
    assertThat(cell.phase()).isEqualTo(Phase.MEMORIZATION);
    assertThat(cell.agreement()).isEqualTo("2/2");
    assertThat(cell.disagrees()).isFalse();
    assertThat(cell.delay()).isNull();
  }

  @Test
  void tiesGoToThePhaseDeclaredFirstWhateverTheRunOrder() {
    var a = Runs.of(7, 1, 0.5, 1, Phase.CONFUSION, null);
    var b = Runs.of(7, 1, 0.5, 2, Phase.GROKKING, 2000);
    assertThat(PhaseGrids.cell(List.of(a, b)).phase()).isEqualTo(Phase.GROKKING);
    assertThat(PhaseGrids.cell(List.of(b, a)).phase()).isEqualTo(Phase.GROKKING);
    assertThat(PhaseGrids.cell(List.of(a, b)).agreement()).isEqualTo("1/2");
  }

  @Test
  void failedRunsDoNotVoteButCountAsDisagreement() {
    PhaseCell cell = PhaseGrids.cell(List.of(
        Runs.of(7, 1, 0.5, 1, Phase.FAILED, null),
        Runs.of(7, 1, 0.5, 2, Phase.FAILED, null),
        Runs.of(7, 1, 0.5, 3, Phase.COMPREHENSION, 40)));
    assertThat(cell.phase()).isEqualTo(Phase.COMPREHENSION);
    assertThat(cell.failed()).isEqualTo(2);
    assertThat(cell.agreement()).isEqualTo("1/3");
    assertThat(cell.disagrees()).isTrue();
    assertThat(cell.delay()).isEqualTo(40);
  }

  @Test
  void cellOfOnlyFailuresIsFailed() {
    PhaseCell cell = PhaseGrids.cell(List.of(Runs.of(7, 1, 0.5, 1, Phase.FAILED, null),
        Runs.of(7, 1, 0.5, 2, Phase.FAILED, null)));
    assertThat(cell.phase()).isEqualTo(Phase.FAILED);
    assertThat(cell.agreement()).isEqualTo("2/2");
    assertThat(cell.disagrees()).isFalse();
  }

  @Test
  void gridsHaveSortedAxesPerModulusAndHolesForMissingPoints() {
    var grids = PhaseGrids.byModulus(List.of(
        Runs.of(11, 1.0, 0.3, 1, Phase.GROKKING, 1200),
        Runs.of(7, 1.0, 0.7, 1, Phase.GROKKING, 1200),
        Runs.of(7, 0.1, 0.3, 1, Phase.MEMORIZATION, null),
        Runs.of(7, 0.0, 0.5, 1, Phase.CONFUSION, null)));
    assertThat(grids.keySet()).containsExactly(7, 11);
    PhaseGrid p7 = grids.get(7);
    assertThat(p7.x().numbers()).containsExactly(0.0, 0.1, 1.0);
    assertThat(p7.y().numbers()).containsExactly(0.3, 0.5, 0.7);
    assertThat(p7.cells()).hasSize(3);
    assertThat(p7.runs()).isEqualTo(3);
    assertThat(p7.cell(1.0, 0.7).phase()).isEqualTo(Phase.GROKKING);
    assertThat(p7.cell(0.0, 0.3)).isNull();
    assertThat(grids.get(11).cells()).hasSize(1);
  }

  @Test
  void rejectsRunsOfAnotherModulusAndEmptyCells() {
    assertThatThrownBy(() -> PhaseGrids.grid(7, List.of(Runs.of(11, 1, 0.5, 1, Phase.GROKKING,
        1200)))).hasMessageContaining("modulus 11, expected 7");
    assertThatThrownBy(() -> PhaseGrids.cell(List.of())).hasMessageContaining("found none");
  }

  @Test
  void labelsAreShortAndExact() {
    assertThat(Labels.number(0)).isEqualTo("0");
    assertThat(Labels.number(1.0)).isEqualTo("1");
    assertThat(Labels.number(0.3)).isEqualTo("0.3");
    assertThat(Labels.number(0.0001)).isEqualTo("1e-4");
    assertThat(Labels.number(0.000025)).isEqualTo("2.5e-5");
    assertThat(Labels.number(0.001)).isEqualTo("0.001");
    assertThat(Labels.number(5.0)).isEqualTo("5");
    assertThat(Labels.delay(null)).isEqualTo("—");
    assertThat(Labels.delay(-40)).isEqualTo("-40");
  }
}
