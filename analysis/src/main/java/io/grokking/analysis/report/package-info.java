/** The self-contained HTML report of a sweep: captioned phase diagrams, phase counts, run table. */
package io.grokking.analysis.report;
