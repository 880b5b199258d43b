/**
 * The training loop, on the whole training split or on minibatches: forward, backward, gradient
 * filter and optimizer step on a model's flat parameter vector, evaluation and early stopping.
 */
package io.grokking.trainer.train;
