/** Spark SQL job that turns the per-step metrics into one row per run with milestones and phase. */
package io.grokking.analysis.milestones;
