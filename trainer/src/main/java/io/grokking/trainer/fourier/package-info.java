/**
 * The Fourier maths shared by every family's probe: basis, spectra, lottery ticket and majority
 * voting measured on a network's weights (He et al. 2026).
 */
package io.grokking.trainer.fourier;
