/**
 * Fourier features, lottery ticket and majority voting measured on the network's weights (He et
 * al. 2026).
 */
package io.grokking.trainer.fourier;
