/**
 * The trainer's speed benchmark on the reference configurations (R1, R2, T1, T2, G1–G3), and the
 * synthetic sweeps the analysis benchmark writes through the trainer's own recorder.
 */
package io.grokking.trainer.bench;
