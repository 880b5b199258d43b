/** Where a sweep's files live and how one run's files are committed atomically. */
package io.grokking.trainer.output;
