/**
 * Grids that refine themselves where phases meet: the lattice of points a refinement can reach on
 * each diagram axis, and the refined phase map — which point's cell covers a place of the
 * diagram, and where the boundaries between phases run.
 */
package io.grokking.analysis.refine;
