/**
 * Numeric kernels shared by every model and optimizer: matrix products, direct access to ND4J's
 * off-heap buffers, flat parameter vectors, thread counts and PyTorch's random generator.
 */
package io.grokking.trainer.numeric;
