package io.simdex.search;

/**
 * One ranked answer to a search.
 *
 * @param rank 1 for the best match
 * @param score cosine similarity to the query, in [-1, 1]
 */
public record Match(String id, String title, float score, int rank) {
}
