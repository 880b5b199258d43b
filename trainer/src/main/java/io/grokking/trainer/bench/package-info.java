/**
 * The trainer's speed benchmark on the reference configurations, and the synthetic sweeps the
 * analysis benchmark writes through the trainer's own recorder.
 */
package io.grokking.trainer.bench;
