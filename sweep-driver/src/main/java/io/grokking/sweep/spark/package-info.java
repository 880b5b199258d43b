/** The Spark fan-out: one task per run, retried alone, with progress fed by a Spark listener. */
package io.grokking.sweep.spark;
