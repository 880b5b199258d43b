/**
 * The training losses, one row of logits at a time: cross-entropy, StableMax, MSE, and the hinge
 * loss for a two-class task with one output score.
 */
package io.grokking.trainer.loss;
