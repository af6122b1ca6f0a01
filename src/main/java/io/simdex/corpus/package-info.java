/** Corpus ingest: reads Daily Papers page dumps and JSONL files into one deduplicated, id-stable {@link io.simdex.corpus.Corpus}. */
package io.simdex.corpus;
