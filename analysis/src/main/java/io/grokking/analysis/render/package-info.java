/** Phase diagrams per modulus: aggregation of seeds per cell, JFreeChart rendering to PNG/SVG. */
package io.grokking.analysis.render;
