/** The sweep configuration: HOCON file and command line merged into validated, immutable records. */
package io.grokking.sweep.config;
