package io.simdex.search;

import java.util.Objects;

/**
 * How free-text search answers when a request names no mode, and how hybrid search fuses: the search stage's
 * options (each message names the setting by its key within {@code search.*}).
 *
 * @param defaultMode the mode of a free-text search that names none
 * @param rrfK        the constant of reciprocal rank fusion, 1..{@value #MAX_RRF_K} (see {@link RankFusion})
 * @param candidates  hybrid search fuses the best {@code max(k, candidates)} papers of each ranking,
 *                    1..{@value #MAX_CANDIDATES}
 */
public record SearchOptions(SearchMode defaultMode, int rrfK, int candidates) {

    /** The largest fusion constant: far beyond it, every rank scores the same. */
    public static final int MAX_RRF_K = 100_000;

    /** The deepest each ranking may go before fusion. */
    public static final int MAX_CANDIDATES = 10_000;

    public SearchOptions {
        Objects.requireNonNull(defaultMode, "defaultMode");
        if (rrfK < 1 || rrfK > MAX_RRF_K) {
            throw new IllegalArgumentException("rrf-k must be 1.." + MAX_RRF_K + ", got " + rrfK);
        }
        if (candidates < 1 || candidates > MAX_CANDIDATES) {
            throw new IllegalArgumentException("candidates must be 1.." + MAX_CANDIDATES + ", got " + candidates);
        }
    }

    /** The defaults of {@code config/simdex.yaml}: hybrid search, fused with k = 60 over 100 candidates. */
    public static SearchOptions defaults() {
        return new SearchOptions(SearchMode.HYBRID, 60, 100);
    }
}
