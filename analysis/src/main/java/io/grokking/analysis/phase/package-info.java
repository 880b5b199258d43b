/** Phase classification of one run from its train and test milestones (no Spark here). */
package io.grokking.analysis.phase;
