/** The live report: partial analyses of the runs committed so far, on a driver thread while a sweep trains. */
package io.grokking.sweep.live;
