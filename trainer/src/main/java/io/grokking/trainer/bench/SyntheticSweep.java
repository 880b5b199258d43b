package io.grokking.trainer.bench;

import io.grokking.trainer.config.RunSpec;
import io.grokking.trainer.metrics.RunStatus;
import io.grokking.trainer.metrics.StepMetrics;
import io.grokking.trainer.model.ModelProbe;
import io.grokking.trainer.output.BoundedParallel;
import io.grokking.trainer.run.GivenRun;
import io.grokking.trainer.task.ModularTask;
import io.grokking.trainer.train.Trainer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;

/**
 * Writes runs without training them, for the analysis benchmark: each run's four tables are
 * written by the trainer's own recorder and committer ({@link GivenRun}), with curves made up
 * from its grid point so that every phase occurs. Training accuracy rises within the first
 * quarter of the budget unless the weight decay is large (confusion); test accuracy then rises
 * with it when the training fraction is large (comprehension), later when it is middling
 * (grokking) and never when it is small (memorization); the seed moves each time a little, so
 * cells near a boundary disagree as real ones do. The numbers are deterministic in the run id.
 */
public final class SyntheticSweep {
  /** Weight decay at and above which a run never fits its training set. */
  static final double CONFUSING_DECAY = 3.0;
  /** Training fractions below this memorize, from it to {@link #COMPREHENDING} grok. */
  static final double GROKKING_FRACTION = 0.3;
  static final double COMPREHENDING_FRACTION = 0.6;

  private SyntheticSweep() {}

  /**
   * Writes and commits every spec under {@code outDir} on {@link BoundedParallel}'s threads;
   * returns how many files were committed (four per run).
   */
  public static int write(List<RunSpec> specs, String outDir, Configuration conf)
      throws IOException {
    List<Boolean> committed = BoundedParallel.map(specs, spec -> {
      Curves c = Curves.of(spec);
      return GivenRun.commit(spec, outDir, "synthetic", conf, c.probe(), c.rows(), c.result(),
          c.nTrain, c.nTest);
    });
    return 4 * (int) committed.stream().filter(b -> b).count();
  }

  /** One run's made-up history. */
  static final class Curves {
    private final RunSpec spec;
    private final SplittableRandom random;
    private final int nTrain;
    private final int nTest;
    private final int budget;
    private final int evalEvery;
    private final Integer tTrain;
    private final Integer tTest;

    private Curves(RunSpec spec) {
      this.spec = spec;
      this.random = new SplittableRandom(spec.runId().hashCode());
      ModularTask task = ModularTask.of(spec);
      this.nTrain = task.train().size();
      this.nTest = task.test().size();
      this.budget = spec.train().steps();
      this.evalEvery = spec.train().evalEvery();
      double jitter = random.nextDouble(-0.08, 0.08);
      double fraction = spec.trainFraction() + jitter;
      boolean fits = spec.weightDecay() * (1 + jitter) < CONFUSING_DECAY;
      this.tTrain = fits ? (int) Math.round(budget * random.nextDouble(0.05, 0.2)) : null;
      Integer test = null;
      if (fits && fraction >= COMPREHENDING_FRACTION) {
        test = tTrain + (int) Math.round(budget * random.nextDouble(0, 0.08));
      } else if (fits && fraction >= GROKKING_FRACTION) {
        test = tTrain + (int) Math.round(budget * random.nextDouble(0.3, 0.6));
      }
      this.tTest = test;
    }

    static Curves of(RunSpec spec) {
      return new Curves(spec);
    }

    /** A logistic rise to 1 at {@code t0} from chance, quantised to {@code n} pairs. */
    private static double accuracy(int step, Integer t0, int n, double chance, double ceiling) {
      double a = t0 == null ? chance + 0.05 * Math.sin(step / 7.0) * chance
          : chance + (ceiling - chance) / (1 + Math.exp(-(step - t0) / 2.0));
      return n == 0 ? a : Math.round(Math.max(0, Math.min(1, a)) * n) / (double) n;
    }

    List<StepMetrics> rows() {
      int p = spec.modulus();
      double chance = 1.0 / p;
      double norm0 = 20 + random.nextDouble(0, 2);
      List<StepMetrics> rows = new ArrayList<>(budget + 1);
      for (int s = 0; s <= budget; s++) {
        double trainAcc = accuracy(s, tTrain, nTrain, chance, tTrain == null ? 0.2 : 1);
        double trainLoss = Math.log(p) * (1 - trainAcc) + 1e-3;
        StepMetrics row = StepMetrics.train(s, trainLoss, trainAcc);
        if (s % evalEvery == 0 || s == budget) {
          double testAcc = accuracy(s, tTest, nTest, chance, 1);
          double norm = norm0 * Math.exp(-spec.weightDecay() * s / (4.0 * budget)) + 2;
          row = new StepMetrics(s, trainLoss, trainAcc, Math.log(p) * (1 - testAcc) + 1e-3,
              testAcc, norm, null, null, null, null, null, null, null, null);
        }
        rows.add(row);
      }
      return rows;
    }

    Trainer.Result result() {
      double seconds = budget * 1e-3 * random.nextDouble(0.8, 1.2);
      return new Trainer.Result(RunStatus.COMPLETED, budget, null,
          accuracy(budget, tTrain, nTrain, 1.0 / spec.modulus(), tTrain == null ? 0.2 : 1),
          accuracy(budget, tTest, nTest, 1.0 / spec.modulus(), 1), seconds, seconds / 5);
    }

    /** Spectra that concentrate on one or two key frequencies as the test accuracy rises. */
    ModelProbe probe() {
      int p = spec.modulus();
      int frequencies = p / 2 + 1;
      int width = spec.train().width();
      int key = 1 + random.nextInt(frequencies - 1);
      return new ModelProbe() {
        @Override
        public List<Neuron> initial() {
          return neurons(false);
        }

        @Override
        public Reading measure(StepMetrics row, double[][] logits) {
          double focus = row.testAcc() == null ? 0 : row.testAcc();
          double[] in = new double[frequencies];
          double[] out = new double[frequencies];
          for (int k = 0; k < frequencies; k++) {
            double base = 1.0 / frequencies * (1 - focus);
            in[k] = base + (k == key ? focus : 0) + 1e-3 * random.nextDouble();
            out[k] = base + (k == key ? focus : 0) + 1e-3 * random.nextDouble();
          }
          double ipr = 0;
          for (int k = 1; k < frequencies; k++) {
            ipr += in[k] * in[k];
          }
          int active = focus > 0.5 ? 1 : frequencies - 1;
          StepMetrics measured = row.withMechanisms(ipr, active, focus, 0.3 * (1 - focus), null,
              null, null, null);
          return new Reading(measured, in, out);
        }

        @Override
        public Final finish(int step) {
          String voting = String.format(Locale.ROOT, "k=%d:n=%d:R=%.2f:R2=%.2f:R3=%.2f:R4=%.2f",
              key, width, 0.9, 0.8, 0.1, 0.05);
          return new Final(neurons(true), new Mechanisms(random.nextDouble(0.2, 0.6),
              1.0 / (frequencies - 1), Integer.toString(key), voting, random.nextDouble(0.2, 0.6)));
        }

        private List<Neuron> neurons(boolean trained) {
          List<Neuron> all = new ArrayList<>(width);
          for (int j = 0; j < width; j++) {
            int k = trained && tTest != null ? key : 1 + random.nextInt(frequencies - 1);
            all.add(new Neuron(k, random.nextDouble(0, 1), random.nextDouble(0, 1),
                random.nextDouble(-Math.PI, Math.PI), random.nextDouble(-Math.PI, Math.PI),
                1 + random.nextInt(frequencies - 1), 1 + random.nextInt(frequencies - 1)));
          }
          return all;
        }
      };
    }
  }
}
