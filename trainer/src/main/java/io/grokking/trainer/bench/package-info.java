/** The trainer's speed benchmark on the reference configurations (R1, R2, T1, T2, G1–G3). */
package io.grokking.trainer.bench;
