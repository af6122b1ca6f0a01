package io.simdex.search;

/**
 * Why two texts were judged alike: the sentence of each that matches the other's best, and their cosine.
 *
 * @param querySentence the sentence of the query text (or query paper)
 * @param matchSentence the sentence of the matched paper
 * @param score         cosine similarity of the two sentences
 */
public record Explanation(String querySentence, String matchSentence, float score) {
}
