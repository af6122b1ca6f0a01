/**
 * Relevance evaluation on public benchmarks and on the corpus itself: BEIR-format retrieval (nDCG@10,
 * Recall@10/100, MRR@10), STS pairs (Spearman), and title-to-abstract retrieval. Embeddings are cached
 * like the corpus's, so a second run only searches.
 */
package io.simdex.tools.eval;
