/** Writes the per-run table, Parquet in DIR/runs and CSV in DIR/report, via Hadoop FileSystem. */
package io.grokking.analysis.output;
