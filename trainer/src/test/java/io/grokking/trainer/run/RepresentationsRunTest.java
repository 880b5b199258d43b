package io.grokking.trainer.run;

import static io.grokking.trainer.run.RunExecutorTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.Precision;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.config.TrainConfig;
import io.grokking.trainer.fourier.Matrices;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.model.embedmlp.EmbedMlpModel;
import io.grokking.trainer.model.embedmlp.EmbedMlpShape;
import io.grokking.trainer.model.transformer.TransformerFamily;
import io.grokking.trainer.task.group.FiniteGroup;
import io.grokking.trainer.task.group.Irrep;
import io.grokking.trainer.task.group.Irreps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A group run's measures by irrep (Chughtai et al. 2023, Sec. 4–5) end to end through the run
 * executor: its {@code representations} table, its metric and result columns, its checkpoints;
 * and a modular run, which writes none of them.
 */
class RepresentationsRunTest {
  private static final TrainConfig CONCAT = TestRuns.with(TestRuns.train(32, 1e-2, 30, 10),
      Activation.RELU, Encoding.CONCAT, Precision.FLOAT32);
  private static final ModelConfig EMBED_MLP = new ModelConfig("embed-mlp", 128, 4, 32, 512, 1,
      false, Map.of("model.embed-dim", 16));
  private final Configuration conf = new Configuration();
  @TempDir Path dir;

  private static RunSpec s4(TrainConfig t) {
    return new RunSpec(24, 1.0, 0.5, 2, t, GroupTaskRunTest.group("S4"), EMBED_MLP);
  }

  private List<Group> table(String table, RunSpec spec) throws IOException {
    return read(dir.resolve(table + "/modulus=" + spec.modulus() + "/" + spec.runId()
        + ".parquet"));
  }

  /**
   * The share of irrep ρ in W (one row per element), by the isotypic projector of the regular
   * representation, P_ρ f(h) = (d/|G|) Σ_g χ_ρ(g) f(g⁻¹h) (Serre 1977, Sec. 2.6, Thm. 8): no
   * orthonormal basis, only characters. Every irrep of S_n is real, so its matrix elements span
   * exactly that isotypic component.
   */
  private static double characterShare(FiniteGroup g, Irrep rho, double[][] w) {
    int n = g.order();
    double inside = 0;
    double total = 0;
    for (int c = 0; c < w[0].length; c++) {
      for (int h = 0; h < n; h++) {
        double projected = 0;
        for (int x = 0; x < n; x++) {
          projected += rho.character(x) * w[g.multiply(g.inverse(x), h)][c];
        }
        projected *= (double) rho.dim() / n;
        inside += projected * w[h][c];
        total += w[h][c] * w[h][c];
      }
    }
    // P_ρ is an orthogonal projection: ‖P_ρ w‖² = ⟨P_ρ w, w⟩
    return inside / total;
  }

  private static double[][] transpose(double[][] m) {
    double[][] t = new double[m[0].length][m.length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[0].length; j++) {
        t[j][i] = m[i][j];
      }
    }
    return t;
  }

  @Test
  void anS4RunWritesOneRowPerEvaluationAndIrrepAndItsKeyRepresentations() throws Exception {
    RunSpec spec = s4(CONCAT);
    RunOutcome outcome = RunExecutor.execute(spec, dir.toString(), "a0", conf);
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(RunStatus.COMPLETED);

    FiniteGroup s4 = FiniteGroup.parse("S4");
    List<Irrep> irreps = Irreps.of(s4);
    List<Group> rows = table("representations", spec);
    assertThat(rows).hasSize(4 * irreps.size());
    assertThat(rows.stream().map(g -> g.getInteger("step", 0)).distinct().toList())
        .containsExactly(0, 10, 20, 30);
    assertThat(rows.subList(0, irreps.size())).extracting(g -> g.getString("irrep", 0),
        g -> g.getInteger("dimension", 0)).containsExactlyElementsOf(irreps.stream()
            .map(i -> org.assertj.core.groups.Tuple.tuple(i.name(), i.dim())).toList());
    assertThat(rows).allSatisfy(g -> assertThat(g.getString("run_id", 0))
        .isEqualTo(spec.runId()));
    for (String side : List.of("share_left", "share_right", "share_unembed")) {
      Map<Integer, Double> sums = rows.stream().collect(Collectors.groupingBy(
          g -> g.getInteger("step", 0), Collectors.summingDouble(g -> g.getDouble(side, 0))));
      assertThat(sums.values()).as(side).allSatisfy(s -> assertThat(s).isCloseTo(1, within(1e-9)));
    }

    // step 0 reads the seed's weights: W_x, W_y and W_U of the same draw, projected afresh
    EmbedMlpModel initial = EmbedMlpModel.create(spec);
    EmbedMlpShape shape = initial.shape();
    INDArray params = initial.params();
    double[][] wx = Matrices.rows(shape.view(params, EmbedMlpShape.Matrix.W_X));
    double[][] wy = Matrices.rows(shape.view(params, EmbedMlpShape.Matrix.W_Y));
    double[][] wu = transpose(Matrices.rows(shape.view(params, EmbedMlpShape.Matrix.W_U)));
    for (int r = 0; r < irreps.size(); r++) {
      Group row = rows.get(r);
      Irrep rho = irreps.get(r);
      assertThat(row.getDouble("share_left", 0)).as(rho.name())
          .isCloseTo(characterShare(s4, rho, wx), within(1e-9));
      assertThat(row.getDouble("share_right", 0)).as(rho.name())
          .isCloseTo(characterShare(s4, rho, wy), within(1e-9));
      assertThat(row.getDouble("share_unembed", 0)).as(rho.name())
          .isCloseTo(characterShare(s4, rho, wu), within(1e-9));
    }

    // the result's key representations are the last evaluation's key rows
    Group result = table("results", spec).get(0);
    String keys = result.getString("key_representations", 0);
    List<String> lastKeys = rows.stream().filter(g -> g.getInteger("step", 0) == 30)
        .filter(g -> g.getBoolean("key", 0)).map(g -> g.getString("irrep", 0)).toList();
    assertThat(keys.isEmpty() ? List.of() : Arrays.asList(keys.split(";")))
        .containsExactlyElementsOf(lastKeys);

    // the ablation over key irreps at every evaluation, in its own columns
    List<Group> metrics = table("metrics", spec);
    assertThat(metrics).hasSize(31).allSatisfy(g -> {
      int step = g.getInteger("step", 0);
      int expected = step % 10 == 0 ? 1 : 0;
      assertThat(g.getFieldRepetitionCount("rep_restricted_loss")).as("step %d", step)
          .isEqualTo(expected);
      assertThat(g.getFieldRepetitionCount("rep_excluded_loss")).as("step %d", step)
          .isEqualTo(expected);
      assertThat(g.getFieldRepetitionCount("restricted_loss")).isZero();
    });
    assertThat(metrics.get(30).getDouble("rep_restricted_loss", 0)).isPositive();
  }

  private static List<String> names(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith(".") && !n.startsWith("_")).sorted().toList();
    }
  }

  @Test
  void aModularRunWritesNoneOfIt() throws Exception {
    RunSpec spec = TestRuns.spec(7, 1.0, 0.5, 1, TestRuns.train(16, 1e-2, 20, 10));
    RunExecutor.execute(spec, dir.toString(), "a0", conf);

    // the tables a run wrote before tasks had measures (staging aside)
    assertThat(names(dir)).containsExactly("metrics", "neurons", "results", "spectra");
    assertThat(table("results", spec).get(0).getFieldRepetitionCount("key_representations"))
        .isZero();
    assertThat(table("metrics", spec)).allSatisfy(g -> {
      assertThat(g.getFieldRepetitionCount("rep_restricted_loss")).isZero();
      assertThat(g.getFieldRepetitionCount("rep_excluded_loss")).isZero();
    });
  }

  /** Each family exposes its embeddings: the MLP's first layer halves, the transformer's W_E. */
  @ParameterizedTest
  @ValueSource(strings = {"mlp", TransformerFamily.NAME})
  void everyFamilyGivesTheSharesOfItsEmbeddings(String family) throws Exception {
    ModelConfig model = family.equals("mlp") ? ModelConfig.defaults()
        : new ModelConfig(TransformerFamily.NAME, 16, 2, 8, 32, 1, false, Map.of());
    TrainConfig t = family.equals("mlp") ? CONCAT : TestRuns.train(1, 1e-3, 20, 10);
    RunSpec spec = new RunSpec(6, 1.0, 0.5, 1, t, GroupTaskRunTest.group("S3"), model);
    RunOutcome outcome = RunExecutor.execute(spec, dir.toString(), "a0", conf);
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(RunStatus.COMPLETED);

    List<Group> rows = table("representations", spec);
    assertThat(rows).hasSize(3 * (t.steps() / 10 + 1));
    for (String side : List.of("share_left", "share_right", "share_unembed")) {
      double sum = rows.subList(0, 3).stream().mapToDouble(g -> g.getDouble(side, 0)).sum();
      assertThat(sum).as(side).isCloseTo(1, within(1e-9));
    }
    if (!family.equals("mlp")) {
      // one W_E reads both positions
      assertThat(rows).allSatisfy(g -> assertThat(g.getDouble("share_left", 0))
          .isEqualTo(g.getDouble("share_right", 0)));
    }
  }

  @Test
  void aResumedGroupRunWritesExactlyTheRowsOfAnUninterruptedOne() throws Exception {
    RunSpec spec = s4(CONCAT.checkpointingEvery(5));
    Path whole = dir.resolve("whole");
    Path cut = dir.resolve("cut");
    RunExecutor.execute(spec, whole.toString(), "w0", conf);
    Faults dieMidway = point -> {
      if (point == Faults.Point.MID_TRAIN) {
        throw new InjectedFault("test fault at " + point);
      }
    };
    assertThatThrownBy(() -> RunExecutor.execute(spec, cut.toString(), "c0", conf, dieMidway))
        .isInstanceOf(InjectedFault.class);
    assertThat(names(cut.resolve("_checkpoints/" + spec.runId())))
        .contains("representations-000000010-000000015.parquet");

    RunOutcome resumed = RunExecutor.execute(spec, cut.toString(), "c1", conf);

    assertThat(resumed.message()).isEqualTo("resumed from the checkpoint at step 15");
    for (String table : List.of("metrics", "representations")) {
      List<String> expected = CheckpointResumeTest.rowsOf(whole, table, spec).stream()
          .map(Object::toString).toList();
      assertThat(CheckpointResumeTest.rowsOf(cut, table, spec).stream().map(Object::toString))
          .as(table).isNotEmpty().containsExactlyElementsOf(expected);
    }
    assertThat(CheckpointResumeTest.rowsOf(cut, "results", spec).get(0)
        .getString("key_representations", 0)).isEqualTo(CheckpointResumeTest
            .rowsOf(whole, "results", spec).get(0).getString("key_representations", 0));
  }
}
