package io.simdex.cli;

import io.simdex.search.InvalidQueryException;
import io.simdex.search.ResultFilter;

import java.util.Set;

/** Builds a {@link ResultFilter} from command-line flags, turning bad values into messages that name the flag. */
final class Filters {

    private Filters() {
    }

    static ResultFilter of(int k, float minScore, float maxScore, Set<String> exclude, boolean explain) {
        if (k < 1) {
            throw new InvalidQueryException("k", "-k must be at least 1, got " + k);
        }
        if (!(minScore >= -1f && minScore <= 1f)) {
            throw new InvalidQueryException("min-score", "--min-score must be from -1 to 1, got " + minScore);
        }
        if (maxScore != ResultFilter.NO_MAX_SCORE && !(maxScore >= minScore && maxScore <= 1f)) {
            throw new InvalidQueryException("max-score", "--max-score must be from --min-score (" + minScore
                    + ") to 1, got " + maxScore);
        }
        return new ResultFilter(k, minScore, maxScore, exclude, explain);
    }
}
