package io.grokking.analysis.testing;

import static io.grokking.analysis.testing.SyntheticRun.curves;
import static io.grokking.analysis.testing.SyntheticRun.jump;

import io.grokking.trainer.metrics.RunStatus;
import java.nio.file.Path;

/**
 * A small sweep with one run of every kind, milestones known by construction (steps logged every
 * 10, evaluated every 100, last step 2990), under the default rule (threshold 0.9, gap 1000):
 *
 * <ul>
 *   <li>{@code grok}, {@code grok2}, {@code grok3}: p=7, wd 1, frac 0.5, seeds 1–3; train reaches
 *       0.98 at 500; test reaches 0.97 at 2000, 1200, 1600: grokking, comprehension, grokking.
 *   <li>{@code comp}: p=7, wd 1, frac 0.7; train = step/1000; test jumps at 1050, which the
 *       evaluation at 1100 sees first: comprehension with delay 200.
 *   <li>{@code memo}: p=7, wd 0, frac 0.5; train 1.0 from 200, test stays 0.3: memorization.
 *   <li>{@code div}: p=7, wd 0, frac 0.7; diverged at step 400 with train 0.2: confusion.
 *   <li>{@code fail}: p=7, wd 0.1, frac 0.5; failed, no metrics, a message with a comma and quotes.
 *   <li>{@code testfirst}: p=7, wd 0.1, frac 0.7; train stays 0.85, test 0.92 from 300.
 *   <li>{@code p11}: p=11, wd 1, frac 0.5; train at 300, test at 1500: grokking.
 * </ul>
 */
public final class StandardSweep {
  private StandardSweep() {}

  public static final int LAST = 2990;

  public static SyntheticSweep write(Path dir) {
    return new SyntheticSweep(dir)
        .add(curves("grok", 7, 1.0, 0.5, 1, LAST, 10, 100,
            s -> s >= LAST ? 1.0 : s >= 500 ? 0.98 : 0.5, jump(2000, 0.1, 0.97)))
        .add(curves("grok2", 7, 1.0, 0.5, 2, LAST, 10, 100,
            jump(500, 0.5, 0.98), jump(1200, 0.1, 0.97)))
        .add(curves("grok3", 7, 1.0, 0.5, 3, LAST, 10, 100,
            jump(500, 0.5, 0.98), jump(1600, 0.1, 0.97)))
        .add(curves("comp", 7, 1.0, 0.7, 1, LAST, 10, 100,
            s -> Math.min(1.0, s / 1000.0), jump(1050, 0.2, 0.995)))
        .add(curves("memo", 7, 0.0, 0.5, 1, LAST, 10, 100,
            jump(200, 0.3, 1.0), s -> 0.3))
        .add(curves("div", 7, 0.0, 0.7, 1, 400, 10, 100, s -> 0.2, s -> 0.1)
            .withStatus(RunStatus.DIVERGED).withMessage("loss became NaN at step 401"))
        .add(SyntheticRun.failed("fail", 7, 0.1, 0.5, 1, "OutOfMemoryError: \"heap\", step 3"))
        .add(curves("testfirst", 7, 0.1, 0.7, 1, LAST, 10, 100,
            s -> 0.85, jump(300, 0.1, 0.92)))
        .add(curves("p11", 11, 1.0, 0.5, 1, LAST, 10, 100,
            jump(300, 0.4, 0.99), jump(1500, 0.05, 0.96)));
  }
}
