package io.simdex.lexical;

import java.util.Objects;

/**
 * One lexical search result.
 *
 * @param id    the id the document was indexed under
 * @param score its BM25 score for the query: positive, unbounded, comparable only within one query's results
 */
public record LexicalHit(String id, float score) {

    public LexicalHit {
        Objects.requireNonNull(id, "id");
        if (!Float.isFinite(score)) {
            throw new IllegalArgumentException("score of hit '" + id + "' must be finite, got " + score);
        }
    }
}
