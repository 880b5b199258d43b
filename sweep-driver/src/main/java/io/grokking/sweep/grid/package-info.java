/** Grid expansion: a sweep configuration becomes the ordered, de-duplicated list of its runs. */
package io.grokking.sweep.grid;
