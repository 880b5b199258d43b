/** The metric and run schemas, declared once and shared by the writer and the analysis. */
package io.grokking.trainer.metrics;
