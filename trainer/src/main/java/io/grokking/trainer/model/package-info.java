/** The DL4J network of He et al. 2026 for modular addition, and its initialisation. */
package io.grokking.trainer.model;
