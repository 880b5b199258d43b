/** The trainer's speed benchmark on the reference configurations, and the synthetic sweeps of the analysis benchmark. */
package io.grokking.trainer.bench;
