/** The training losses, one row of logits at a time: cross-entropy, StableMax and MSE. */
package io.grokking.trainer.loss;
