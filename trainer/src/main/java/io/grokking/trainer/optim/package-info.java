/**
 * The optimizers (AdamW, Adam, SGD) that update a model's flat parameter vector, and weight decay
 * toward the initial weights.
 */
package io.grokking.trainer.optim;
