/**
 * The report's figures drawn with JFreeChart to PNG and SVG: phase diagrams and delay maps per
 * modulus, learning-curve and weight-norm small multiples, the summary across moduli and the
 * mechanistic figure of one run.
 */
package io.grokking.analysis.render;
