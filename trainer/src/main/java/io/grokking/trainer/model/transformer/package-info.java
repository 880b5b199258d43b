/**
 * The one-layer transformer of Nanda et al. 2023 for modular arithmetic: its flat parameter
 * layout and initialisation, a fast full-batch pass read out at the {@code =} position, the same
 * network as a DL4J SameDiff graph, and its Fourier probe.
 */
package io.grokking.trainer.model.transformer;
