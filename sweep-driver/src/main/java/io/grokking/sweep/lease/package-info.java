/** Who writes a sweep output directory: the lease one driver holds on it while it runs. */
package io.grokking.sweep.lease;
