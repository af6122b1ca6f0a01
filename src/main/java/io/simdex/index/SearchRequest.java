package io.simdex.index;

import io.simdex.kernels.VectorMath;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A top-k query against a {@link VectorIndex}; validated on construction.
 *
 * <p>The query is copied in and {@link #query()} returns a copy, so a request is immutable. It need not be
 * normalized: the index normalizes it, so scores are cosine similarities.
 *
 * <p>A {@code filter} restricts the results to the ids it accepts, such as those whose paper matches a
 * metadata condition (year {@code >= 2020}). The index applies it inside the scan, so the hits are the best
 * {@code k} among the accepted ids, never fewer because others were dropped afterwards. It is called only for
 * ids the index holds and the request does not exclude, once their score would enter the current top
 * {@code k}: at most once per id and search, usually far less often, but up to once per vector. So it must be:
 * <ul>
 *   <li>fast: a set lookup, not a database query;</li>
 *   <li>thread-safe: several scan threads and searches call it at once;</li>
 *   <li>free of side effects, and never calling back into the index (it runs under the index's read lock).</li>
 * </ul>
 * An exception it throws comes out of the search.
 *
 * @param query      finite, non-empty, non-zero vector whose dimension matches the index
 * @param k          the maximum number of hits, {@code >= 1}; {@code k} larger than the index returns every
 *                   eligible vector
 * @param excludeIds ids that must not appear in the results (copied to an immutable set); ids the index
 *                   does not hold are ignored
 * @param minScore   hits scoring below this are dropped, so fewer than {@code k} may come back; finite, in
 *                   [-1, 1], where -1 keeps everything
 * @param maxScore   hits scoring above this are dropped (a score band, e.g. near duplicates but not exact
 *                   ones), and the {@code k} hits come from those at or below it; {@link #NO_MAX_SCORE}, or
 *                   finite in [-1, 1] and {@code >= minScore} ({@code minScore == maxScore} keeps one score)
 * @param filter     an allow-list over ids: only ids it accepts can be hits; {@link #NO_FILTER} accepts every
 *                   id (see above for what a filter must be)
 */
public record SearchRequest(float[] query, int k, Set<String> excludeIds, float minScore, float maxScore,
                            Predicate<String> filter) {

    /** The smallest {@code minScore}: it keeps every hit. */
    public static final float NO_MIN_SCORE = -1f;

    /**
     * The {@code maxScore} that drops nothing. Infinity rather than 1, since float rounding can push a score a
     * few ulps past 1.
     */
    public static final float NO_MAX_SCORE = Float.POSITIVE_INFINITY;

    /** The {@code filter} that accepts every id; the index skips calling it. */
    public static final Predicate<String> NO_FILTER = id -> true;

    public SearchRequest {
        Objects.requireNonNull(query, "query");
        if (query.length == 0) {
            throw new IllegalArgumentException("query has 0 components; it must have at least 1");
        }
        query = query.clone();
        try {
            VectorMath.checkFinite(query);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("query " + e.getMessage(), e);
        }
        if (VectorMath.l2Norm(query) == 0f) {
            throw new IllegalArgumentException("query is the zero vector (all " + query.length
                    + " components are 0); cosine similarity needs a non-zero vector");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1 but was " + k);
        }
        excludeIds = Set.copyOf(Objects.requireNonNull(excludeIds, "excludeIds"));
        checkMinScore(minScore);
        if (maxScore != NO_MAX_SCORE && !(maxScore >= -1f && maxScore <= 1f)) {
            throw new IllegalArgumentException(
                    "maxScore must be a finite number in [-1, 1], or +Infinity for none, but was " + maxScore);
        }
        if (maxScore < minScore) {
            throw new IllegalArgumentException(
                    "maxScore " + maxScore + " is below minScore " + minScore + "; the band would be empty");
        }
        Objects.requireNonNull(filter, "filter");
    }

    /** A request that accepts every id the index holds. */
    public SearchRequest(float[] query, int k, Set<String> excludeIds, float minScore, float maxScore) {
        this(query, k, excludeIds, minScore, maxScore, NO_FILTER);
    }

    /** A request with no ceiling: hits scoring up to 1 and past it by rounding are kept. */
    public SearchRequest(float[] query, int k, Set<String> excludeIds, float minScore) {
        this(query, k, excludeIds, minScore, NO_MAX_SCORE);
    }

    /** A request for the {@code k} nearest vectors, with no exclusions, no score limits and no filter. */
    public static SearchRequest of(float[] query, int k) {
        return new SearchRequest(query, k, Set.of(), NO_MIN_SCORE, NO_MAX_SCORE);
    }

    /** This request with {@code filter} in place of its own (see the class comment for what it must be). */
    public SearchRequest withFilter(Predicate<String> filter) {
        return new SearchRequest(query, k, excludeIds, minScore, maxScore, filter);
    }

    /** Checks a minimum score, here or in an all-pairs scan: finite, in [-1, 1]. */
    static void checkMinScore(float minScore) {
        if (!(minScore >= -1f && minScore <= 1f)) {
            throw new IllegalArgumentException("minScore must be a finite number in [-1, 1] but was " + minScore);
        }
    }

    /** Returns a copy of the query vector, as given (not normalized). */
    @Override
    public float[] query() {
        return query.clone();
    }

    /** Returns the query's number of components, without copying it. */
    public int dimension() {
        return query.length;
    }

    /** Equal requests ask the same; filters compare with {@code equals}, so two lambdas are never equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SearchRequest other
                && Arrays.equals(query, other.query)
                && k == other.k
                && excludeIds.equals(other.excludeIds)
                && Float.compare(minScore, other.minScore) == 0
                && Float.compare(maxScore, other.maxScore) == 0
                && filter.equals(other.filter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(query), k, excludeIds, minScore, maxScore, filter);
    }

    @Override
    public String toString() {
        return "SearchRequest[query=float[" + query.length + "], k=" + k + ", excludeIds=" + excludeIds
                + ", minScore=" + minScore + ", maxScore=" + maxScore + ", filter="
                + (filter == NO_FILTER ? "none" : filter) + "]";
    }
}
