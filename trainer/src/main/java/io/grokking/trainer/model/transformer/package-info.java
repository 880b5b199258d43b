/**
 * The transformer of Nanda et al. 2023 for modular arithmetic, one block or several: its flat
 * parameter layout and initialisation, fast full-batch passes read out at the {@code =} position,
 * and the same network as a DL4J SameDiff graph.
 */
package io.grokking.trainer.model.transformer;
