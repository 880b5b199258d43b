/**
 * The transformer of Nanda et al. 2023 for modular arithmetic, one block or several: its flat
 * parameter layout and initialisation, fast full-batch passes read out at the {@code =} position,
 * the same network as a DL4J SameDiff graph, and its Fourier probe.
 */
package io.grokking.trainer.model.transformer;
