/**
 * Plain-Java text logic behind the duplicate check: lexical overlap, sentence splitting, clustering of
 * scored pairs, generated duplicate variants and threshold calibration; no HTTP, no model, no vector math.
 */
package io.simdex.dedup;
