package io.simdex.search;

import java.util.List;

/**
 * The answer to a search or more-like-this question.
 *
 * @param matches best first
 * @param tookMillis wall time of the whole use case, query encoding included
 */
public record SearchResult(List<Match> matches, long tookMillis) {

    public SearchResult {
        matches = List.copyOf(matches);
    }
}
