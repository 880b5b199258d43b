/**
 * Gradient filters applied before the optimizer's step: Grokfast's EMA and windowed average, and
 * the gradient made orthogonal to the weights.
 */
package io.grokking.trainer.optim.filter;
