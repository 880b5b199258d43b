/**
 * The MLP of He et al. 2026 for modular arithmetic: its DL4J network and initialisation, the fast
 * full-batch passes in float and double, the deep variant, and its Fourier probe.
 */
package io.grokking.trainer.model.mlp;
