/** Resumable training state of unfinished runs, saved atomically under DIR/_checkpoints/RUN. */
package io.grokking.trainer.checkpoint;
