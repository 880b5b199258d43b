/**
 * Grid refinement where phases meet: the quadtree that decides, round by round, which cells of a
 * panel's diagram to subdivide, and the rounds of a refining sweep that train the new points.
 */
package io.grokking.sweep.refine;
