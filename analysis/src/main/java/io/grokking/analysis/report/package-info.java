/**
 * The self-contained HTML report of a sweep: captioned figures, phase counts, the mechanistic and
 * the run tables, and which runs get a mechanistic figure.
 */
package io.grokking.analysis.report;
