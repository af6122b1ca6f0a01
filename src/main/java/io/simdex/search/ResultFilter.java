package io.simdex.search;

import io.simdex.index.SearchRequest;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a caller wants back from a ranked question: how many papers, which score band, which papers to leave
 * out, and whether to explain each match.
 *
 * @param k        the most matches, {@code >= 1}
 * @param minScore matches scoring below this cosine are dropped; in [-1, 1]
 * @param maxScore matches scoring above this cosine are dropped (to skip exact duplicates while keeping near
 *                 ones); {@link #NO_MAX_SCORE}, or in [minScore, 1]
 * @param exclude  ids of papers that must not come back, in request order; each must be a paper of the corpus
 * @param explain  whether each match carries its best-matching sentence pair
 * @param metadata conditions on the papers' metadata that every match meets ({@link MetadataFilter#NONE}: none)
 * @param withMetadata whether each match carries its paper's metadata
 */
public record ResultFilter(int k, float minScore, float maxScore, Set<String> exclude, boolean explain,
                           MetadataFilter metadata, boolean withMetadata) {

    /** The lowest {@code minScore}: every cosine is at least -1, so nothing is dropped. */
    public static final float NO_MIN_SCORE = SearchRequest.NO_MIN_SCORE;

    /** No ceiling: scores can exceed 1 by float rounding, so "none" is infinity rather than 1. */
    public static final float NO_MAX_SCORE = SearchRequest.NO_MAX_SCORE;

    public ResultFilter {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1 but was " + k);
        }
        if (!(minScore >= -1f && minScore <= 1f)) {
            throw new IllegalArgumentException("minScore must be in [-1, 1] but was " + minScore);
        }
        if (maxScore != NO_MAX_SCORE && !(maxScore >= minScore && maxScore <= 1f)) {
            throw new IllegalArgumentException("maxScore must be in [minScore, 1] = [" + minScore + ", 1] but was "
                    + maxScore);
        }
        exclude = Collections.unmodifiableSet(
                new LinkedHashSet<>(Objects.requireNonNull(exclude, "exclude")));
        Objects.requireNonNull(metadata, "metadata");
    }

    /** A filter with no metadata conditions, whose matches do not carry metadata. */
    public ResultFilter(int k, float minScore, float maxScore, Set<String> exclude, boolean explain) {
        this(k, minScore, maxScore, exclude, explain, MetadataFilter.NONE, false);
    }

    /** A copy whose matches meet {@code conditions} and, when {@code include}, carry their metadata. */
    public ResultFilter withMetadata(MetadataFilter conditions, boolean include) {
        return new ResultFilter(k, minScore, maxScore, exclude, explain, conditions, include);
    }

    /** The {@code k} best matches, nothing dropped or excluded, no explanations. */
    public static ResultFilter top(int k) {
        return new ResultFilter(k, NO_MIN_SCORE, NO_MAX_SCORE, Set.of(), false);
    }

    /** A copy asking for {@code k} matches. */
    ResultFilter withK(int k) {
        return new ResultFilter(k, minScore, maxScore, exclude, explain, metadata, withMetadata);
    }

    /** A copy that also leaves out {@code ids}. */
    ResultFilter excluding(Set<String> ids) {
        var all = new LinkedHashSet<>(exclude);
        all.addAll(ids);
        return new ResultFilter(k, minScore, maxScore, all, explain, metadata, withMetadata);
    }
}
