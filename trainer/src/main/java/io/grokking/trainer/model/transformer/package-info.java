/**
 * The one-layer transformer of Nanda et al. 2023 for modular arithmetic: its flat parameter
 * layout and initialisation, a fast full-batch pass read out at the {@code =} position, and the
 * same network as a DL4J SameDiff graph.
 */
package io.grokking.trainer.model.transformer;
