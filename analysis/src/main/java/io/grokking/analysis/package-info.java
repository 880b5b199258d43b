/** Entry point of the analysis job: classify a sweep's runs, write tables, figures and report. */
package io.grokking.analysis;
