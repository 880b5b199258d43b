/**
 * Minibatch order: the batches PyTorch's shuffling {@code DataLoader} yields, epoch by epoch, from
 * a seed, and resumable from any (epoch, batch).
 */
package io.grokking.trainer.train.batch;
