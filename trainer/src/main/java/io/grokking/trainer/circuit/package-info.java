/**
 * The circuit measures of Merrill, Tsilivis &amp; Shukla 2023 ("A Tale of Two Circuits"): each
 * hidden neuron's weight norm and the global sparsity, the fewest top-norm neurons that reproduce
 * the training accuracy.
 */
package io.grokking.trainer.circuit;
