package io.simdex.dedup;

import io.simdex.search.Explanation;

/**
 * A corpus paper that a checked text resembles, with a semantic and two lexical measures: a copied abstract
 * has high lexical overlap, a paper merely on the same topic has a high cosine but little shared wording.
 *
 * @param score              cosine similarity of the embeddings
 * @param band               the band {@code score} falls in
 * @param tokenJaccard       shared distinct words over all distinct words, in [0, 1]
 * @param shingleContainment shared word 3-grams over the smaller text's 3-grams, in [0, 1]: near 1 for a copy,
 *                           even a truncated or reordered one
 * @param explanation        the best-matching sentence pair, when asked for; else null
 */
public record DuplicateMatch(String id, String title, float score, Band band, float tokenJaccard,
                             float shingleContainment,
                             Explanation explanation) {
}
