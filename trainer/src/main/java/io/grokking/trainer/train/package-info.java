/**
 * The full-batch training loop: forward, backward, gradient filter and optimizer (AdamW, Adam,
 * SGD) on a model's flat parameter vector.
 */
package io.grokking.trainer.train;
