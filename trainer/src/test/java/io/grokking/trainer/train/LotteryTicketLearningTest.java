package io.grokking.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.trainer.model.mlp.MlpFamily;
import io.grokking.trainer.TestRuns;
import io.grokking.trainer.config.Activation;
import io.grokking.trainer.config.Encoding;
import io.grokking.trainer.config.Precision;
import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.fourier.FourierAnalysis;
import io.grokking.trainer.fourier.LotteryOde;
import io.grokking.trainer.fourier.LotteryTicket;
import io.grokking.trainer.fourier.NeuronSpectrum;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.model.mlp.FourierProbe;
import io.grokking.trainer.model.mlp.ModularMlp;
import io.grokking.trainer.task.ModularTask;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/**
 * On a real trained run, He et al.'s gradient-flow lottery ticket ({@link LotteryOde}) predicts
 * each neuron's final frequency at least as often as the magnitude-product rule ({@link
 * LotteryTicket}). Close to He et al.'s lottery setting (Quad, small init, no weight decay, most
 * pairs in training), but with the project's AdamW, since plain SGD is not available.
 */
class LotteryTicketLearningTest {
  static final int P = 23;
  static final int WIDTH = 128;
  static final int STEPS = 1000;

  @Test
  void gradientFlowPredictorHitsAtLeastAsOftenAsTheProductRule() throws Exception {
    int odeHits = 0;
    int productHits = 0;
    int neurons = 0;
    for (long seed = 1; seed <= 2; seed++) {
      RunSpec spec = TestRuns.spec(P, 0.0, 0.95, seed, TestRuns.with(
          TestRuns.train(WIDTH, 1e-3, STEPS, STEPS), Activation.QUAD, Encoding.SUM,
          Precision.FLOAT32));
      ModularTask data = ModularTask.split(P, 0.95, seed);
      MultiLayerNetwork net = ModularMlp.create(spec);
      FourierProbe probe = FourierProbe.of(data, Encoding.SUM);
      List<NeuronSpectrum> initial = probe.spectra(net);
      int[] ode = LotteryOde.predict(initial, P);
      int[] product = LotteryTicket.predict(initial);

      // The final spectra are read during the last evaluation, as the run's own probe does.
      List<List<NeuronSpectrum>> last = new ArrayList<>();
      Trainer.Result result = new Trainer(spec, MlpFamily.model(spec, net), data).run(row -> { }, (row, logits) -> {
        if (row.step() == STEPS) {
          last.add(probe.spectra(net));
        }
        return row;
      });
      assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(last).hasSize(1);
      int[] dominant = FourierAnalysis.dominant(last.get(0));

      double odeRate = LotteryTicket.hitRate(ode, dominant);
      double productRate = LotteryTicket.hitRate(product, dominant);
      System.out.printf("seed %d: test acc %.3f, hit rate ODE %.3f, product %.3f, chance %.3f%n",
          seed, result.finalTestAcc(), odeRate, productRate, LotteryTicket.chance(P));
      odeHits += Math.round(odeRate * WIDTH);
      productHits += Math.round(productRate * WIDTH);
      neurons += WIDTH;
    }
    assertThat(odeHits).isGreaterThanOrEqualTo(productHits);
    assertThat((double) odeHits / neurons).isGreaterThan(2 * LotteryTicket.chance(P));
  }
}
