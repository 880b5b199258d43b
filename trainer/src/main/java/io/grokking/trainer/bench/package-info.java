/** The trainer's speed benchmark on the reference configurations R1 and R2. */
package io.grokking.trainer.bench;
