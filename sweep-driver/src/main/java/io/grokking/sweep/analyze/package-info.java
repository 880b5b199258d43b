/** The single call from the sweep driver into the analysis module (phase classification, report). */
package io.grokking.sweep.analyze;
