/** Immutable, self-validating training settings and the identity of one run. */
package io.grokking.trainer.config;
