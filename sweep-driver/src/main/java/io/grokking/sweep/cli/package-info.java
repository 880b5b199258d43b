/** The {@code grok} command line: argument parsing, edge validation and everything the user reads. */
package io.grokking.sweep.cli;
