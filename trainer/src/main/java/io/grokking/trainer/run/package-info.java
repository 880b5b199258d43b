/**
 * One run end to end: training with its probe, recording and committing its rows, fault injection
 * for tests, and the JVM's warm-up run.
 */
package io.grokking.trainer.run;
