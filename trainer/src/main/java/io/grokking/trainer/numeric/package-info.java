/**
 * Numeric kernels shared by every model and optimizer: matrix products, direct access to ND4J's
 * off-heap buffers, flat parameter vectors, thread counts, PyTorch's random generator and its
 * default layer initialisation.
 */
package io.grokking.trainer.numeric;
