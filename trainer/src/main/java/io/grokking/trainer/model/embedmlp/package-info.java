/**
 * Chughtai, Chan and Nanda 2023's one-hidden-layer MLP with separate left and right embeddings
 * ({@code model.family = embed-mlp}): its shape, initial draw, passes, probe and family entry.
 */
package io.grokking.trainer.model.embedmlp;
