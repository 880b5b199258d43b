/** The modular-addition data set: all p^2 pairs, split into train and test by the run's seed. */
package io.grokking.trainer.data;
