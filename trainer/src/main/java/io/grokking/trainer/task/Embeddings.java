package io.grokking.trainer.task;

/**
 * A network's input and output embeddings in a form no model family owns: what a task's own
 * measures ({@link TaskMeasures}) read. Each family says which of its matrices these are: for an
 * MLP over one-hot inputs the two halves of its first layer (or that layer twice with the sum
 * encoding) and its output layer; for the transformer the first N rows of W_E, at both positions,
 * and the first N columns of W_U; for the embedding MLP W_x, W_y and W_U. The arrays are copies.
 *
 * @param left the embedding of the pair's first symbol x, N × d, row x
 * @param right the embedding of the second symbol y, N × d', row y
 * @param unembed the map onto the N classes, d'' × N, column z
 */
public record Embeddings(double[][] left, double[][] right, double[][] unembed) {}
