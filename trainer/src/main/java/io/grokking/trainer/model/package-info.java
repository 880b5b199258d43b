/**
 * What the trainer asks of a model family (its flat parameters, passes and mechanistic probe), and
 * the registry that builds a run's family.
 */
package io.grokking.trainer.model;
