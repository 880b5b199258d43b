/**
 * The task: every pair (a, b) of residues mod p labelled by the task's operation, split into train
 * and test by the run's seed.
 */
package io.grokking.trainer.task;
