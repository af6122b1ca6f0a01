package io.simdex.dedup;

import io.simdex.search.Explanation;

/**
 * A corpus paper that a checked text resembles, with a semantic and four textual measures: a copied abstract has
 * high lexical overlap; a rewrite has little, but most of its sentences say again what a sentence of the paper
 * says, and it keeps the paper's numbers and names; a paper merely on the same topic has a high cosine and none of
 * these.
 *
 * @param score              cosine similarity of the embeddings
 * @param band               the band the measures place the match in ({@link DuplicateBands}, {@link RewriteRule})
 * @param tokenJaccard       shared distinct words over all distinct words, in [0, 1]
 * @param shingleContainment shared word 3-grams over the smaller text's 3-grams, in [0, 1]: near 1 for a copy,
 *                           even a truncated or reordered one
 * @param alignedSentences   the share of the shorter text's sentences with a sentence of the other at the
 *                           sentence-match cosine or more, in [0, 1]; null when not measured (matches after the
 *                           first {@value DuplicateChecker#ALIGNED_MATCHES} of a check without explanations)
 * @param sharedSpecifics    the share of the smaller set of numbers, names and acronyms found in the other text,
 *                           in [0, 1]; null when either text has none
 * @param explanation        the best-matching sentence pair, when asked for; else null
 */
public record DuplicateMatch(String id, String title, float score, Band band, float tokenJaccard,
                             float shingleContainment, Float alignedSentences, Float sharedSpecifics,
                             Explanation explanation) {
}
