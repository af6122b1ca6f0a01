package io.simdex.index;

import java.util.Objects;

/**
 * One search result: the id of an indexed vector and its cosine similarity to the query.
 *
 * @param id    the id the vector was added under
 * @param score cosine similarity in [-1, 1], give or take float rounding
 */
public record Hit(String id, float score) {

    public Hit {
        Objects.requireNonNull(id, "id");
        if (Float.isNaN(score)) {
            throw new IllegalArgumentException("score of hit '" + id + "' is NaN; it must be a number");
        }
    }
}
