/** The full-batch training loop: forward, backward and AdamW on a DL4J network's parameters. */
package io.grokking.trainer.train;
