package io.simdex.index;

import java.util.Objects;

/**
 * Two distinct vectors of one index and their cosine similarity: one answer of an all-pairs scan.
 *
 * @param first  the id of the vector added earlier
 * @param second the id of the vector added later
 * @param score  cosine similarity in [-1, 1], give or take float rounding
 */
public record ScoredPair(String first, String second, float score) {

    public ScoredPair {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        if (first.equals(second)) {
            throw new IllegalArgumentException("a pair needs two distinct ids, got '" + first + "' twice");
        }
        if (Float.isNaN(score)) {
            throw new IllegalArgumentException("score of pair ('" + first + "', '" + second + "') is NaN");
        }
    }
}
