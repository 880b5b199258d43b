package io.grokking.trainer.numeric;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The one knob for CPU threads inside a trainer ({@code train.threads}). A Spark executor that runs
 * k tasks on k cores wants one BLAS and one OpenMP thread per trainer, so cores are not
 * oversubscribed. The setting is per JVM: every trainer of an executor shares it.
 */
public final class Threads {
  private static volatile int applied = -1;

  private Threads() {}

  public static synchronized void apply(int threads) {
    if (applied == threads) {
      return;
    }
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
    applied = threads;
  }
}
