/**
 * Spark SQL that brings small per-run series to the driver for plotting: learning curves thinned
 * on a log-spaced step grid, and the Fourier spectra and neuron frequencies of selected runs.
 */
package io.grokking.analysis.series;
