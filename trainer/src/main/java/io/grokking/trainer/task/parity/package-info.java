/**
 * Sparse parity (Barak et al. 2022; Merrill, Tsilivis &amp; Shukla 2023): n bits in ±1 labelled by
 * the product of k of them, drawn exactly as the reference code {@code Tsili42/parity-nn} draws
 * them.
 */
package io.grokking.trainer.task.parity;
