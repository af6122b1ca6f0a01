/**
 * The lexical stage: an in-memory Lucene BM25 index over (id, text) documents, analyzed like Elasticsearch's
 * {@code english} analyzer. The only main package that imports Lucene; it knows nothing of papers or vectors,
 * so an evaluation can build one over any document set.
 */
package io.simdex.lexical;
